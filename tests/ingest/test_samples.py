"""Each bundled sample article comes out of the cleaner exactly as it was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.plaintext import clean_text
from reader.model import CAPTION, PARAGRAPH

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

EXPECTED = {
    'harbourside-tram-vote.txt': {
        'title': 'City Council Approves Eastern Tram Line After Nine-Hour Session',
        'source': 'Harbourside Courier',
        'author': 'Tomas Reyes',
        'published': '2024-06-12T20:40',
        'caption': 'Commuters wait at the Quayside stop on Tuesday evening.',
        'credit': 'Lena Morrow / Harbourside Courier',
        'paragraphs': [
            'The Harbourside city council on Tuesday approved a 14-kilometre tram line to the eastern districts after a nine-hour session that ran past midnight, ending three years of argument over the route.',
            '"This is the day the east side stops being an afterthought," Mayor Ingrid Salo told reporters outside the chamber. "People there have waited long enough for a train that comes every six minutes."',
            'The vote passed 23 to 18. Opponents, led by councillor Pavel Arkin, said the city had underestimated the cost of moving water mains along Foundry Road.',
            '"Nobody is against trams," Arkin said, "but nobody has shown us a budget that survives the first winter of digging."',
            'The transport department puts the cost at 610 million euros, a third of which is expected to come from a national fund for "green mobility" that has not yet confirmed its share.',
            'Salo said construction would begin next spring if the fund approves the grant in the autumn. "We will not break ground on a promise," she added.',
            'Shop owners on Foundry Road have asked the council for compensation during the works, which are expected to last about two years.',
        ],
    },
    'lantern-museum-reopening.txt': {
        'title': "Textile Museum Reopens With Rooms Rebuilt From Weavers' Notebooks",
        'source': 'The Lantern Review',
        'author': '',
        'published': '',
        'caption': "A visitor looks at a reconstructed loom in the museum's new east wing.",
        'credit': 'Photo: Amira Haddad for The Lantern Review',
        'paragraphs': [
            'The Lindqvist Textile Museum reopened on Saturday after a four-year renovation, with three rooms rebuilt from notebooks kept by the weavers who worked in the building when it was still a mill.',
            'The notebooks, found in a sealed cupboard during the works, describe the position of every loom and the colours of the walls in 1911.',
            '"Finding them felt like someone had left us instructions," said museum director Sofia Lindqvist. "We did not have to guess anymore; the weavers told us."',
            'Curator Jonah Mbeki said the team had resisted the temptation to make the rooms look "authentic" in the polished way of a film set.',
            '"The walls are patched, the floor is uneven and the windows let in the draught. That is what the notebooks describe, so that is what we built," Mbeki said.',
            'About 2,000 people visited on the opening weekend, and the museum has extended its hours on Thursdays until the end of the summer.',
            '"We have had grandchildren of the weavers come in and find their family names in the notebooks," Lindqvist said. "Some of them cried," she added, "and, to be honest, so did some of us."',
        ],
    },
    'meridian-bond-sale.txt': {
        'title': 'Finance Ministry Sells Record Green Bond as Investors Return',
        'source': 'Meridian Business Review',
        'author': '',
        'published': '2025-03-03T14:05',
        'caption': 'Finance Minister Ana Duarte speaks at the bond launch in Lisbonia on Monday.',
        'credit': 'Photo: Rui Calado / Getty Images',
        'paragraphs': [
            "The Finance Ministry on Monday sold 4 billion euros of ten-year green bonds, the largest single issue in the country's history, after orders from investors reached almost three times the amount on offer.",
            '"Demand of this size tells us that investors believe in the plan, not just in the coupon," Finance Minister Ana Duarte said.',
            '"We set out to finance the grid upgrade without raising taxes, and today we have shown that it can be done," Duarte said. "The money will be spent on cables, substations and storage, and every euro will be reported."',
            'The bonds were priced at a yield of 3.1%, about a quarter of a percentage point below where analysts had expected them to land.',
            'Marco Teixeira, chief economist at Banco Atlântico, said the result reflected a wider shift in the market.',
            '"Twelve months ago, the same issue would have been difficult to place. Funds were nervous about anything labelled green because of the argument over standards.',
            '"That argument has not gone away, but the labelling rules are clearer now and buyers feel they know what they are getting," Teixeira said.',
            'Some lawmakers in the opposition have called the programme a "vanity project" and said the ministry should have reduced existing debt first. Duarte rejected the charge. "Paying for the grid now is cheaper than paying for blackouts later," she added.',
        ],
    },
    'northern-ledger-glacier.txt': {
        'title': 'Glacier Sensors Record Fastest Spring Melt in Two Decades',
        'source': 'The Northern Ledger',
        'author': '',
        'published': '',
        'caption': 'A researcher checks a sensor mast on the Vardefjell glacier in April.',
        'credit': '(Northern Polar Institute)',
        'paragraphs': [
            'Sensors buried in the Vardefjell glacier recorded the fastest spring melt since measurements began in 2004, researchers at the Northern Polar Institute said on Thursday.',
            'The network of 40 instruments showed the ice surface dropping by an average of 11 centimetres a week in May, almost twice the long-term average for the month.',
            '"We expected a warm spring to show up in the data, but not like this," said glaciologist Dr. Hanne Lysgaard, who leads the monitoring programme. "Some stakes that we drilled in March were lying on the surface by the end of May."',
            'Lysgaard said the melt had been driven less by record air temperatures than by a thin layer of dark dust blown in from the south in April, which made the ice absorb more sunlight.',
            '"Dust events used to be rare up here," she added. "Now we see one almost every year, and each one leaves the glacier a little darker than before."',
            'The institute plans to add cameras to twelve of the masts this summer to follow how the dust spreads. The data will be published openly, Lysgaard said.',
            'Erik Strand, a hydrologist who was not involved in the study, said the findings mattered for the towns downstream. "The rivers will carry more water in early summer and less in August, and that is when farms need it most," Strand said.',
        ],
    },
    'velocity-relay-final.txt': {
        'title': 'Okafor Anchors Relay Team to Late Win in Continental Final',
        'source': 'Velocity Sports Daily',
        'author': 'Delia Ferraro',
        'published': '2024-07-21T19:32',
        'caption': 'Grace Okafor crosses the line in the 4x400m final on Sunday.',
        'credit': '© Jonas Wirth / AFP',
        'paragraphs': [
            "Grace Okafor ran the fastest anchor leg of the night to carry her team from fourth place to victory in the women's 4x400 metres relay at the continental championships on Sunday.",
            'Okafor took the baton four metres behind the leaders and passed three runners in the final bend, crossing the line in 3 minutes 21.4 seconds.',
            '"When I got the baton, I just told myself to be patient until the last hundred," Okafor said. "The crowd got louder with every step, and I used all of it."',
            'Coach Sandro Bellini said the team had changed its running order the night before after a hamstring scare in the heats.',
            '"We talked about it for an hour. Putting Grace last was a risk, because she had never anchored at this level," Bellini said, "but she asked for it, and when an athlete asks for the hardest job you give it to her."',
            'Rivals questioned the so-called "lucky" handover in the second leg, which appeared to happen at the very edge of the exchange zone. Judges reviewed the footage and confirmed the result.',
            'Okafor said she was not worried during the review. "I knew it was clean," she added. "We practise that change a hundred times a week."',
        ],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_comes_out_as_written(name: str) -> None:
    want = EXPECTED[name]
    c = clean_text((SAMPLES / name).read_text(encoding="utf-8"))
    assert c.title == want["title"]
    assert c.source == want["source"]
    assert c.author == want["author"]
    assert c.published == want["published"]
    captions = [b for b in c.blocks if b.kind == CAPTION]
    assert [(b.text, b.credit) for b in captions] == [(want["caption"], want["credit"])]
    assert [b.text for b in c.blocks if b.kind == PARAGRAPH] == want["paragraphs"]
    assert [b.kind for b in c.blocks] == [CAPTION] + [PARAGRAPH] * len(want["paragraphs"])
    kept = " ".join(b.text for b in c.blocks)
    for noise in ("newsletter", "Once", "Monthly", "Remind me later", "Read more", "Privacy Policy"):
        assert noise not in kept


def test_every_sample_is_listed() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(EXPECTED)

"""The command line: the same operations as the window, with no Qt loaded."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.errors import UserError
from reader.model import articles

COMMANDS = ("import", "list", "show", "export", "reclean", "quotes", "search", "tag", "backup", "restore")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reader", description="Keep, clean and re-read news articles.")
    p.add_argument("--library", metavar="PATH", help="library file (default: $READER_LIBRARY or the user data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    imp = sub.add_parser("import", help="import files or folders (recursively)")
    imp.add_argument("paths", nargs="+", metavar="FILE_FOLDER_OR_URL")
    imp.add_argument("--tag", action="append", default=[], help="tag every imported article (repeatable)")
    ls = sub.add_parser("list", help="list articles, newest first: id, date, source, title, tags")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    se = sub.add_parser("search", help="articles matching a query (the window's search language), as `list` prints them")
    se.add_argument("--order", choices=("rank", "date"), default="rank", help="relevance (default) or newest first")
    se.add_argument("--json", action="store_true", help="one JSON object per line")
    # Everything after the options is the query, so "-word" exclusions are not taken for options.
    se.add_argument("query", nargs=argparse.REMAINDER, help="e.g. climate tag:science -opinion (options go before it)")
    tg = sub.add_parser("tag", help="add or remove tags on articles")
    tg.add_argument("ids", nargs="+", type=int, metavar="ID")
    tg.add_argument("--add", action="append", default=[], metavar="TAG")
    tg.add_argument("--remove", action="append", default=[], metavar="TAG")
    show = sub.add_parser("show", help="print one article, cleaned")
    show.add_argument("id", type=int)
    exp = sub.add_parser("export", help="export articles as Markdown, HTML or one JSON file (originals included)")
    exp.add_argument("ids", nargs="*", type=int, metavar="ID")
    exp.add_argument("--all", action="store_true", help="every article in the library")
    exp.add_argument("--format", choices=("md", "html", "json"), default="md",
                     help="md or html: one file per article (a folder for several); json: one file with everything")
    exp.add_argument("--out", metavar="PATH", help="a file (one article) or a folder; default: standard output")
    rc = sub.add_parser("reclean", help="clean every article again from its kept original (keeps tags and corrections)")
    rc.add_argument("--stale", action="store_true", help="only articles cleaned by an older version")
    qs = sub.add_parser("quotes", help="who said what: speakers with their quote counts, or one speaker's quotes")
    qs.add_argument("speaker", nargs="?", help="list this speaker's quotes")
    qs.add_argument("--filter", default="", help="only speakers or quotes containing this text")
    bk = sub.add_parser("backup", help="copy the library (safe while it is in use) to PATH or the backups folder")
    bk.add_argument("path", nargs="?", metavar="PATH", help="a file or a folder (default: the backups folder beside the library)")
    rs = sub.add_parser("restore", help="replace the library by a backup (checked first; the current library is kept aside)")
    rs.add_argument("path", metavar="BACKUP")
    return p


def _library_path(args) -> Path:
    from reader.paths import default_library_path

    return Path(args.library).expanduser() if args.library else default_library_path()


def _open(args, *, write: bool = True):
    """The library; commands that only read fall back to read-only when it cannot be written."""
    from reader.library import Library
    from reader.library.store import LibraryReadOnly

    path = _library_path(args)
    try:
        return Library.open(path)
    except LibraryReadOnly:
        if write:
            raise
        return Library.open(path, readonly=True)


def _err(text: str) -> None:
    print(f"reader: {text}", file=sys.stderr)


def cmd_import(args) -> int:
    from reader.operations import import_paths

    from reader.operations import ImportReport, import_url

    webs = [p for p in args.paths if p.startswith(("http://", "https://"))]
    files = [p for p in args.paths if p not in webs]
    with _open(args) as lib:
        report = import_paths(lib, files, tags=args.tag) if files else ImportReport()
        for url in webs:
            one = import_url(lib, url, tags=args.tag)
            report.imported += one.imported
            report.duplicates += one.duplicates
            report.failed += one.failed
            report.notices += one.notices
    for name, existing in report.duplicates:
        print(f"{name}: already in the library (article {existing}), skipped")
    for name, notice in report.notices:
        print(f"{name}: {notice}")
    for name, reason in report.failed:
        _err(f"{name}: {reason}")
    print(report.summary())
    return 1 if report.failed else 0


def _row_dict(r) -> dict:
    return {"id": r.id, "date": r.published or r.imported_at, "source": r.source, "title": r.title,
            "tags": list(r.tags), "read": r.is_read, "starred": r.starred}


def cmd_list(args, ids=None) -> int:
    with _open(args, write=False) as lib:
        ids = lib.article_ids() if ids is None else ids(lib)
        out = sys.stdout
        for start in range(0, len(ids), 500):
            page = lib.rows(ids[start:start + 500])
            for i in ids[start:start + 500]:
                r = page[i]
                if args.json:
                    out.write(json.dumps(_row_dict(r), ensure_ascii=False) + "\n")
                else:
                    date = (r.published or r.imported_at)[:10]
                    fields = [str(r.id), date, r.source, r.title, ",".join(r.tags)]
                    out.write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")
    return 0


def cmd_search(args) -> int:
    query = " ".join(a for a in args.query if a != "--")
    return cmd_list(args, ids=lambda lib: lib.search_ids(query, args.order))


def cmd_tag(args) -> int:
    if not args.add and not args.remove:
        _err("tag: give --add TAG and/or --remove TAG")
        return 2
    with _open(args) as lib:
        missing = [i for i in args.ids if not lib.rows([i])]
        if missing:
            _err(f"no article with id {', '.join(map(str, missing))}")
            return 1
        lib.tag(args.ids, add=args.add, remove=args.remove)
        rows = lib.rows(args.ids)
        for i in args.ids:
            print(f"{i}\t{','.join(rows[i].tags)}")
    return 0


def cmd_show(args) -> int:
    from reader.operations.export import article_as_text

    with _open(args, write=False) as lib:
        try:
            article = lib.get(args.id)
        except KeyError:
            _err(f"no article with id {args.id}")
            return 1
        print(article_as_text(article))
    return 0


def cmd_export(args) -> int:
    from reader.operations.export import FORMATS, export_text, export_to_folder

    if not args.ids and not args.all:
        _err("export: name article ids or give --all")
        return 2
    with _open(args, write=False) as lib:
        ids = lib.article_ids() if args.all else args.ids
        missing = [i for i in ids if not lib.rows([i])]
        if missing:
            _err(f"no article with id {', '.join(map(str, missing))}")
            return 1
        out = Path(args.out).expanduser() if args.out else None
        if args.format == "json":
            from reader.operations.exchange import export_json

            if out is None:
                _err("export --format json needs --out FILE.json")
                return 2
            out.parent.mkdir(parents=True, exist_ok=True)
            n = export_json(lib, ids, out)
            print(f"{articles(n)} exported to {out}")
            return 0
        if out is None:
            for i in ids:
                sys.stdout.write(export_text(lib.get(i), args.format))
            return 0
        if len(ids) == 1 and out.suffix.lower() == FORMATS[args.format]:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(export_text(lib.get(ids[0]), args.format), encoding="utf-8")
            print(out)
            return 0
        for path in export_to_folder(lib, ids, args.format, out):
            print(path)
    return 0


def cmd_reclean(args) -> int:
    from reader.operations import reclean, reclean_stale

    with _open(args) as lib:
        report = reclean_stale(lib) if args.stale else reclean(lib)
    for article_id, reason in report.failed:
        _err(f"article {article_id}: {reason}")
    print(report.summary())
    return 1 if report.failed else 0


def cmd_quotes(args) -> int:
    with _open(args, write=False) as lib:
        if args.speaker is None:
            for speaker, n in lib.speakers(args.filter):
                print(f"{n}\t{speaker or '(unattributed)'}")
            return 0
        speaker = "" if args.speaker == "(unattributed)" else args.speaker
        rows = lib.quotes_of(speaker, args.filter)
        if not rows:
            _err(f"no quotes by {args.speaker!r}")
            return 1
        for q in rows:
            print(f"{q.article_id}\t{q.title}\t{q.text}")
    return 0


def cmd_backup(args) -> int:
    from reader.operations.backup import make_backup

    with _open(args, write=False) as lib:
        dest = make_backup(lib, args.path)
    print(dest)
    return 0


def cmd_restore(args) -> int:
    from reader.operations.backup import restore

    path = _library_path(args)
    aside = restore(path, args.path)
    print(f"{path}: restored from {args.path}")
    if aside is not None:
        print(f"the library as it was is kept at {aside}")
    return 0


def run(args) -> int:
    handler = {"import": cmd_import, "list": cmd_list, "show": cmd_show, "export": cmd_export,
               "reclean": cmd_reclean, "quotes": cmd_quotes, "search": cmd_search, "tag": cmd_tag,
               "backup": cmd_backup, "restore": cmd_restore}[args.command]
    try:
        return handler(args)
    except UserError as e:
        _err(str(e))
        return 2
    except BrokenPipeError:
        return 0
    except OSError as e:
        _err(f"{getattr(e, 'filename', '') or ''}: {e.strerror or e}".lstrip(": "))
        return 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.command is None:
        from reader.app import run_gui

        return run_gui(args.library, [])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

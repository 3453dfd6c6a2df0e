"""Fault injection: crashes, concurrent writers, damaged files, full disks, hostile input."""

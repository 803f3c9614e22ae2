"""The hostile-input corpus through a real ``threatgraph ingest`` (issue 10): every bad input is a named
failure, every good one is stored and resolved, nothing is half-written, and peak memory stays < 500 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from faults import snapshot

from threatgraph.store import work
from threatgraph.store.db import open_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 500
#: Runs the CLI in a child and writes that child's peak RSS (KB) to argv[1], however it exits. The CLI must be a
#: child of this small launcher, not of pytest: Linux carries a process's peak RSS over fork and exec, so a CLI
#: started straight from a pytest process that has grown to gigabytes would report pytest's peak, not its own.
LAUNCH = """
import resource, subprocess, sys
out = sys.argv.pop(1)
code = subprocess.call([sys.executable, "-m", "threatgraph.cli", *sys.argv[1:]])
open(out, "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""
GOOD = "Militants attacked a checkpoint near Herat on Monday, officials said. Police arrested two men in Quetta."

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>x</title><description>&lol9;</description></item>
</channel></rss>"""
XXE = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&xxe; attack</description></item>
</channel></rss>"""


def _corpus(folder: Path) -> tuple[dict[str, str], int]:
    """Hostile files -> the word their failure must contain; and how many good articles there are."""
    folder.mkdir()
    bad: dict[str, str] = {}

    def put(name: str, data: bytes | str, why: str | None) -> None:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        if why:
            bad[name] = why

    put("laughs.xml", LAUGHS, "entit")
    put("quadratic.xml", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "x" * 50_000 + '">]><rss><channel>'
        + "<item><description>" + "&a;" * 2_000 + "</description></item></channel></rss>", "entit")  # fmt: skip
    put("xxe.xml", XXE, "entit")
    put("latin1.txt", ("Caf\xe9 bombing near Herat. " * 20).encode("latin-1"), "decode")
    put("cut-utf8.txt", (GOOD + " Zaynabiyoun ").encode()[:-1] + "ب".encode()[:1], "decode")
    put("random.txt", os.urandom(20_000), "binary")
    put("png.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(1000), "binary")
    put("cut.html", "<html><body><p>" + GOOD * 5, "truncated")
    put("cut-feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><item><title>a', "")
    put("empty.txt", "", "empty")
    put("no-text.html", "<html><body><nav>Home</nav></body></html>", "no article text")
    put("huge-line.txt", "word " * 2_000_000, "limit")  # 10 MB on one line: over the article cap
    put("long-article.txt", (GOOD + "\n") * 9_000, "limit")  # ~950 KB of plain text
    put("bad.jsonl", '{"text": "' + GOOD + '"}\n{"text": \n' + '{"text": "' + "y" * 30_000_000 + '"}\n', "")
    put("utf16-nobom.txt", ("Officials in Kabul said on Friday that " + GOOD).encode("utf-16-le"), None)
    put("deep.html", "<html><head><title>Deep</title></head><body>" + "<div>" * 3_000 + "<p>" + GOOD * 3
        + "</p>" + "</div>" * 3_000 + "</body></html>", None)  # fmt: skip
    put("huge.html", "<html><head><title>Big</title></head><body>" + ("<p>" + GOOD + "</p>\n") * 60_000
        + "</body></html>", "limit for HTML")  # fmt: skip
    put("good.txt", GOOD + " A third paragraph about Karachi.", None)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    bad["dangling.txt"] = "dangling"
    return bad, 4  # good.txt, utf16, deep.html, the first line of bad.jsonl


def test_hostile_corpus(tmp_path: Path) -> None:
    bad, n_good = _corpus(tmp_path / "in")
    db = tmp_path / "h.db"
    env = {**os.environ, "THREATGRAPH_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT / "src")}
    peak_file = tmp_path / "peak"
    cmd = [sys.executable, "-c", LAUNCH, str(peak_file), "ingest", str(tmp_path / "in"), "--db", f"sqlite:///{db}"]
    run = subprocess.run([*cmd, "--json"], env=env, capture_output=True, timeout=900)
    peak_mb = int(peak_file.read_text()) / 1024
    assert run.returncode == 1, run.stderr.decode()[-3000:]  # failures are reported with exit 1
    report = json.loads(run.stdout)
    failed = {Path(f["source"].split(":")[0].split("#")[0]).name: f["reason"] for f in report["failed"]}
    for name, why in bad.items():
        assert name in failed, f"{name} was not reported: {failed}"
        assert why.lower() in failed[name].lower(), (name, failed[name])
    assert "bad.jsonl" in failed and "cut-feed.xml" in failed
    assert len(report["ingested"]) == n_good, report
    assert peak_mb < PEAK_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    engine = open_store(f"sqlite:///{db}")
    snap = snapshot(engine)
    assert len(snap["articles"]) == n_good  # nothing half-written, nothing from a refused input
    assert work.counts(engine) == {"resolve": 0, "watch": 0, "screen": 0}
    assert snap["entities"]  # the good articles were resolved

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "rdf_bench.py"


def test_rdf_bench_runs_at_small_scale():
    result = subprocess.run([sys.executable, str(BENCH), "--scale", "0.01", "--runs", "1"],
                            capture_output=True, text=True, timeout=300, check=True)
    out = result.stdout
    assert "Turtle export" in out and "Turtle parse" in out
    assert "SAME count" in out  # rdflib and pyoxigraph read the same number of triples
    for name in ("people_posts", "events", "cooperation", "by_district", "entity", "articles_mentioning"):
        assert name in out
    entity_rows = next(line for line in out.splitlines() if line.startswith("entity "))
    assert int(entity_rows.split()[1]) > 0  # the parameterised query finds the chosen entity

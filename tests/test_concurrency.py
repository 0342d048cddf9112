"""Many threads asking for the bundled registry at once share one object.

The race runs in a fresh interpreter, where nothing has loaded the registry
yet, and again after each reset of the module cache. Building the registry
is slowed down on purpose so that, without the lock, threads would overlap.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

THREADS = 32
ROUNDS = 10

RACE = textwrap.dedent(
    """
    import json, sys, threading, time

    sys.setswitchinterval(1e-6)  # switch threads as often as possible

    import aifactories
    from aifactories._io import reset_bundled

    builds = []
    original = aifactories.Registry._checked.__func__

    def slow_checked(cls, document):
        builds.append(threading.get_ident())
        time.sleep(0.02)  # a wide window for a second builder to walk in
        return original(cls, document)

    aifactories.Registry._checked = classmethod(slow_checked)

    threads, rounds = int(sys.argv[1]), int(sys.argv[2])
    report = []
    for _ in range(rounds):
        reset_bundled()  # every round races for a first load
        builds.clear()
        barrier = threading.Barrier(threads)
        seen = [None] * threads

        def worker(i):
            barrier.wait()
            registry = aifactories.load()
            # Half the threads look up an id first, half use the whole
            # registry first; all must end up with the same objects, and
            # none may see a half-built registry.
            if i % 2:
                mimer = registry["mimer"]
                size = len(registry)
            else:
                size = len(registry)
                mimer = registry["mimer"]
            seen[i] = (
                id(registry),
                id(mimer),
                size,
                len(registry.factories),
                len(registry.antennas),
                registry["mimer"].id,
                len(registry.search("lumi")),
            )

        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        final = aifactories.load()
        report.append({
            "builds": len(builds),
            "ids": sorted({s[0] for s in seen}),
            "final": id(final),
            "mimers": sorted({s[1] for s in seen}),
            "final_mimer": id(final["mimer"]),
            "shapes": sorted({s[2:] for s in seen}),
            "expected": [
                len(final),
                len(final.factories),
                len(final.antennas),
                "mimer",
                len(final.search("lumi")),
            ],
            "valid": aifactories.validate(final) == [],
        })
    print(json.dumps(report))
    """
)


def test_threads_share_one_registry() -> None:
    result = subprocess.run(
        [sys.executable, "-c", RACE, str(THREADS), str(ROUNDS)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rounds = json.loads(result.stdout)
    assert len(rounds) == ROUNDS
    for report in rounds:
        assert report["builds"] == 1  # built in full once, by one thread
        assert report["ids"] == [report["final"]]  # every thread: one object
        assert report["mimers"] == [report["final_mimer"]]  # and one entry
        assert report["shapes"] == [report["expected"]]  # never partial
        assert report["valid"]

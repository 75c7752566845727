"""Run one command and print its wall time (s) and peak memory (KB) as `seconds kb status`.

The runner starts every timed command through this small process: Linux keeps a process's peak-memory
mark across exec, so a command forked straight from the (large) runner would report the runner's size.
"""

import os
import subprocess
import sys
import time

began = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(process.pid, 0)
elapsed = time.perf_counter() - began
errors = process.stderr.read().decode("utf-8", "replace")[:300] if process.stderr else ""
code = os.waitstatus_to_exitcode(status)
print(f"{elapsed:.6f} {usage.ru_maxrss} {code}")
if code:
    sys.stderr.write(errors)

"""schemathesis check for the API fuzz run: no private marker in an anonymous response.

scripts/api_fuzz_data.py plants "GAGYO-PRIVATE" in every private field; the anonymous run
fails if any response contains it. The staff run (API_FUZZ_STAFF=1) may see private data.
"""

import os

import schemathesis

MARK = b"GAGYO-PRIVATE"


@schemathesis.check
def no_private_marker(ctx, response, case):
    if os.environ.get("API_FUZZ_STAFF") == "1":
        return None
    if MARK in response.content:
        raise AssertionError(f"private data in an anonymous response: {case.method} {case.path}")
    return None

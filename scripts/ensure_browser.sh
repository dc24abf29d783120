#!/bin/sh
# Make Debian's Chromium (and CJK fonts for screenshots) available for the browser tests.
# Only where it truly cannot be installed do the browser tests skip, saying why.
set -u
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || true
    apt-get install -y -q chromium fonts-noto-cjk >/dev/null || echo "WARNING: could not install chromium; browser tests will be skipped."
else
    echo "NOTE: /usr/bin/chromium is missing and this user cannot install it (needs root and apt-get);"
    echo "      browser tests will be skipped. Install Debian's 'chromium' package to run them."
fi
exit 0

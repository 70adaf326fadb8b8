#!/usr/bin/env bash
# Debian packages the tests need: PostgreSQL (the real server tests run against),
# Chromium (end-to-end tests), fonts, Dovecot and Postfix (the mail tests' private servers,
# scripts/mail-servers.sh; the system instances are stopped and never used). Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
need=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
# Debian's Chromium runs the end-to-end tests (Playwright drives it; it never downloads a browser).
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd dovecot-lmtpd dovecot-submissiond)
[ -x /usr/lib/dovecot/lmtp ] || need+=(dovecot-lmtpd)
command -v postfix >/dev/null 2>&1 || need+=(postfix)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
# Outgoing documents (issue #10): SoftHSM is the PKCS#11 token of the signing tests, poppler's
# pdfsig the independent verifier of the signatures the app makes, certutil its trust store.
[ -f /usr/lib/softhsm/libsofthsm2.so ] || need+=(softhsm2)
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Missing Debian packages: ${need[*]}. Install them as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
echo "Installing Debian packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself: "No configuration" (the tests run their own instance).
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts a cluster on 5432 when it installs PostgreSQL; the tests use a private one.
$SUDO pg_ctlcluster --help >/dev/null 2>&1 && $SUDO bash -c 'for c in $(pg_lsclusters -h 2>/dev/null | awk "{print \$1\"/\"\$2}"); do pg_ctlcluster ${c%/*} ${c#*/} stop || true; done' || true
# Debian starts Dovecot (and Postfix, if configured) when it installs them: the tests use private instances.
$SUDO bash -c 'command -v systemctl >/dev/null 2>&1 && systemctl stop dovecot postfix >/dev/null 2>&1; service dovecot stop >/dev/null 2>&1; service postfix stop >/dev/null 2>&1' || true

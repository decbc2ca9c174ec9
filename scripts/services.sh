#!/usr/bin/env bash
# Start the services the tests talk to (PostgreSQL, NATS JetStream) if they are installed and down.
# Where they cannot be started, the tests that need them are skipped with the reason, unless
# POLYWIRE_REQUIRE_SERVICES=1 (set by CI), which makes them fail instead.
set -uo pipefail
say() { printf '[polywire services] %s\n' "$*" >&2; }
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_up() { for _ in $(seq 1 50); do up "$1" && return 0; sleep 0.2; done; return 1; }

if ! up 5432 && command -v pg_ctlcluster >/dev/null 2>&1; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    wait_up 5432 || say "PostgreSQL did not come up"
fi
if ! up 4222 && [ -x /usr/sbin/nats-server ]; then
    say "starting NATS JetStream"
    mkdir -p /var/lib/nats-server 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
        -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server || true
    wait_up 4222 || say "NATS did not come up"
fi
exit 0

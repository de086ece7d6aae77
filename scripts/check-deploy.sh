#!/usr/bin/env bash
# Checks the deployment files in deploy/ as far as an offline machine allows (docs/deploy.md):
#   1. nginx -t on deploy/nginx/ledger.conf (inside a throwaway nginx.conf, with a self-signed
#      certificate made here by openssl), and its upload limit against the app's own limits;
#   2. systemd-analyze verify on the systemd units, where systemd-analyze exists;
#   3. deploy/compose.yaml parsed: services, HOST=0.0.0.0, the nightly backup, every ${VAR} in the
#      example settings file;
#   4. every environment variable lib/env-schema.ts validates is documented in docs/deploy.md.
# Run by `npm test` (checks step). Under CI=true a missing nginx fails (.ci/run installs it); elsewhere
# that check is skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-deploy: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. nginx
NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -n "$NGINX" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=ledger.example.gov.cn" -keyout "$tmp/ledger.key" -out "$tmp/ledger.crt" 2>/dev/null
  mkdir -p "$tmp/logs"
  sed -e "s#/etc/nginx/ssl/ledger.crt#$tmp/ledger.crt#" -e "s#/etc/nginx/ssl/ledger.key#$tmp/ledger.key#" deploy/nginx/ledger.conf >"$tmp/site.conf"
  grep -q "$tmp/ledger.crt" "$tmp/site.conf" || fail "deploy/nginx/ledger.conf: ssl_certificate is not /etc/nginx/ssl/ledger.crt"
  mime=/etc/nginx/mime.types
  [ -f "$mime" ] || mime=/dev/null
  cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
  include $mime;
  access_log off;
  client_body_temp_path $tmp/body;
  proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi;
  scgi_temp_path $tmp/scgi;
  include $tmp/site.conf;
}
CONF
  "$NGINX" -t -q -c "$tmp/nginx.conf" -p "$tmp" 2>"$tmp/nginx-t.log" || {
    cat "$tmp/nginx-t.log" >&2
    fail "nginx -t refused deploy/nginx/ledger.conf"
  }
  echo "check-deploy: nginx -t: deploy/nginx/ledger.conf ok ($("$NGINX" -v 2>&1 | sed 's#.*/##'))"
elif [ "${CI:-}" = "true" ]; then
  fail "nginx is not installed (.ci/run installs Debian's nginx for this check)"
else
  echo "check-deploy: nginx not installed: nginx -t skipped (apt-get install -y nginx to run it)"
fi

# The upload limit nginx lets through must cover the largest request the app accepts (an attachment,
# an import file), so that the app, not nginx, refuses an oversized file, with its Chinese message.
limit=$(sed -n 's/^[[:space:]]*client_max_body_size[[:space:]]*\([0-9]*\)m;.*/\1/p' deploy/nginx/ledger.conf | head -1)
[ -n "$limit" ] || fail "deploy/nginx/ledger.conf: no client_max_body_size <n>m"
node_modules/.bin/tsx -e "
  const load = async (f) => { const m = await import(f); return m.default ?? m; };
  (async () => {
    const a = await load('./lib/schemas/attachment.ts');
    const { IMPORT_MAX_BYTES } = await load('./lib/excel/limits.ts');
    const need = Math.max(a.ATTACHMENT_BODY_MAX_BYTES, IMPORT_MAX_BYTES + 64 * 1024);
    if (!Number.isFinite(need) || need > $limit * 1024 * 1024) { console.error('check-deploy: client_max_body_size ${limit}m is below the app limit of ' + need + ' bytes'); process.exit(1); }
    console.log('check-deploy: client_max_body_size ${limit}m covers the largest upload the app accepts (' + (need / 1024 / 1024).toFixed(2) + ' MB)');
  })();
"

# 2. systemd
if command -v systemd-analyze >/dev/null; then
  (cd deploy && systemd-analyze verify ./ledger.service ./ledger-backup.service ./ledger-backup.timer) 2>"$tmp/systemd.log" || {
    cat "$tmp/systemd.log" >&2
    fail "systemd-analyze verify refused the units in deploy/"
  }
  if [ -s "$tmp/systemd.log" ]; then
    cat "$tmp/systemd.log" >&2
    fail "systemd-analyze verify warned about the units in deploy/"
  fi
  echo "check-deploy: systemd-analyze verify: deploy/*.service, *.timer ok"
else
  echo "check-deploy: systemd-analyze not present: units not verified"
fi

# 3. compose
node -e '
  const fs = require("fs");
  const text = fs.readFileSync("deploy/compose.yaml", "utf8");
  let doc;
  try { doc = require("js-yaml").load(text); } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND") { console.error("check-deploy: deploy/compose.yaml: " + e.message); process.exit(1); }
    doc = JSON.parse(require("child_process").execFileSync("python3", ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], { input: text }).toString());
  }
  const problems = [];
  const s = doc.services ?? {};
  for (const name of ["db", "app", "backup"]) if (!s[name]) problems.push(`no service "${name}"`);
  const env = s.app?.environment ?? {};
  if (env.HOST !== "0.0.0.0") problems.push("app: HOST must be 0.0.0.0 inside the container");
  for (const key of ["DATABASE_URL", "APP_DATABASE_URL", "NEXTAUTH_SECRET", "TRUSTED_PROXIES"]) if (!(key in env)) problems.push(`app: no ${key}`);
  if (!(s.app?.ports ?? []).every((p) => String(p).startsWith("127.0.0.1:"))) problems.push("app: publish on the host loopback only (nginx is the way in)");
  if (!JSON.stringify(s.backup?.command ?? "").includes("db:backup")) problems.push("backup: does not run npm run db:backup");
  const example = fs.readFileSync("deploy/ledger.env.example", "utf8");
  for (const [, v] of text.matchAll(/\$\{([A-Z_]+)/g)) if (!new RegExp(`^#? ?${v}=`, "m").test(example)) problems.push(`\${${v}} is not in deploy/ledger.env.example`);
  if (problems.length) { console.error("check-deploy: deploy/compose.yaml:\n  " + problems.join("\n  ")); process.exit(1); }
  console.log("check-deploy: deploy/compose.yaml parsed: " + Object.keys(s).join(", "));
'

# 4. every validated variable documented
missing=""
for v in $(sed -n 's/^ *\([A-Z][A-Z0-9_]*\): \(z\|ms(\).*/\1/p' lib/env-schema.ts); do
  grep -q "\`$v\`" docs/deploy.md || missing="$missing $v"
done
[ -z "$missing" ] || fail "docs/deploy.md does not describe:$missing (lib/env-schema.ts validates them)"
echo "check-deploy: docs/deploy.md describes every variable lib/env-schema.ts validates"

# shellcheck shell=bash
# Shared by scripts/dev and scripts/test: find or build a Frappe v15 + ERPNext v15 bench for govservice.
# Every knob is an environment variable documented in README.md ("Bench scripts").
set -euo pipefail

GS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

gs_log() { printf '\033[1;34m[govservice]\033[0m %s\n' "$*" >&2; }
gs_die() {
	printf '\033[1;31m[govservice] error:\033[0m %s\n' "$*" >&2
	exit 1
}

# --- who runs the bench -------------------------------------------------------------------------
# bench refuses to run as root, so as root we run it as an unprivileged user (created if missing).
if [ "$(id -u)" = 0 ]; then
	GS_BENCH_USER=${GS_BENCH_USER:-govservice}
	GS_BENCH_HOME=$(getent passwd "$GS_BENCH_USER" | cut -d: -f6 || true)
	GS_BENCH_HOME=${GS_BENCH_HOME:-/home/$GS_BENCH_USER}
else
	GS_BENCH_USER=$(id -un)
	GS_BENCH_HOME=$HOME
fi
GS_BENCH_DIR=${GS_BENCH_DIR:-$GS_BENCH_HOME/govservice-bench}
GS_FRAPPE_SOURCE=${GS_FRAPPE_SOURCE:-https://github.com/frappe/frappe}
GS_FRAPPE_BRANCH=${GS_FRAPPE_BRANCH:-version-15}
GS_ERPNEXT_SOURCE=${GS_ERPNEXT_SOURCE:-https://github.com/frappe/erpnext}
GS_ERPNEXT_BRANCH=${GS_ERPNEXT_BRANCH:-version-15}
GS_REDIS_URL=${GS_REDIS_URL:-redis://127.0.0.1:6379}
GS_DB_HOST=${GS_DB_HOST:-127.0.0.1}
GS_DB_PORT=${GS_DB_PORT:-3306}
GS_SITE=${GS_SITE:-govservice.localhost}
GS_TEST_SITE=${GS_TEST_SITE:-govservice-test.localhost}
GS_ADMIN_PASSWORD=${GS_ADMIN_PASSWORD:-admin}
GS_PORT=${GS_PORT:-8000}
GS_STATE_DIR=$GS_BENCH_HOME/.config/govservice
GS_BENCH_CLI=$GS_BENCH_HOME/.local/share/govservice/bench-cli

# Runs a command as the bench user, with a plain login-like environment (no root-only PATH entries).
gs_as_user() {
	local path="$GS_BENCH_CLI/bin:/usr/local/bin:/usr/bin:/bin"
	if [ "$(id -u)" = 0 ]; then
		# The caller's environment (proxy and CA settings) is kept; HOME, USER and PATH are the bench user's.
		runuser -u "$GS_BENCH_USER" -- env HOME="$GS_BENCH_HOME" USER="$GS_BENCH_USER" LOGNAME="$GS_BENCH_USER" \
			PATH="$path" LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
	else
		PATH="$path:$PATH" "$@"
	fi
}

gs_bench() { (cd "$GS_BENCH_DIR" && gs_as_user bench "$@"); }

gs_ensure_os_user() {
	[ "$(id -u)" = 0 ] || return 0
	if ! id "$GS_BENCH_USER" >/dev/null 2>&1; then
		gs_log "creating the unprivileged OS user '$GS_BENCH_USER' that runs the bench"
		useradd --create-home --home-dir "$GS_BENCH_HOME" --shell /bin/bash "$GS_BENCH_USER"
	fi
	chmod o+x "$GS_BENCH_HOME"
}

# System packages a bench needs. As root they are installed with apt-get; otherwise we say what is missing.
gs_ensure_system_packages() {
	local missing=() cmd pkg
	for cmd in git:git node:nodejs npm:npm mariadb:mariadb-client redis-cli:redis-tools pkg-config:pkg-config; do
		command -v "${cmd%%:*}" >/dev/null 2>&1 || missing+=("${cmd#*:}")
	done
	# CJK fonts for PDFs, Pango for WeasyPrint, HarfBuzz's subsetter for fast CJK font subsetting,
	# Chromium for the portal's browser tests.
	for pkg in fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium; do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
			gs_log "installing system packages: ${missing[*]}"
			apt-get update -qq
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
		else
			gs_die "missing system packages: ${missing[*]}. Install them (Debian/Ubuntu names) and run again."
		fi
	fi
	# Frappe v15 builds its assets with Yarn classic (1.x).
	case "$(yarn --version 2>/dev/null)" in
	1.*) ;;
	*)
		[ "$(id -u)" = 0 ] || gs_die "Yarn 1.x is missing: run 'npm install -g yarn@1' as root, then run again."
		gs_log "installing Yarn classic"
		npm install -g --silent yarn@1 >/dev/null
		;;
	esac
}

# Frappe v15 supports Python 3.10-3.12. GS_PYTHON picks one; otherwise the first found in a plain PATH.
gs_find_python() {
	if [ -n "${GS_PYTHON:-}" ]; then
		echo "$GS_PYTHON"
		return
	fi
	local candidate
	for candidate in python3.11 python3.12 python3.10; do
		if gs_as_user sh -c "command -v $candidate && $candidate -c 'import venv, ensurepip'" >/dev/null 2>&1; then
			gs_as_user sh -c "command -v $candidate"
			return
		fi
	done
	gs_die "no Python 3.10-3.12 with venv usable by '$GS_BENCH_USER' (Debian: apt-get install python3.11 python3.11-venv python3.11-dev), or set GS_PYTHON"
}

gs_ensure_bench_cli() {
	if [ ! -x "$GS_BENCH_CLI/bin/bench" ]; then
		local python
		python=$(gs_find_python)
		gs_log "installing the bench CLI with $python into $GS_BENCH_CLI"
		gs_as_user "$python" -m venv "$GS_BENCH_CLI"
		gs_as_user "$GS_BENCH_CLI/bin/pip" install --quiet --upgrade pip
		# Frappe v15 and bench import pkg_resources, which setuptools 81 removed.
		gs_as_user "$GS_BENCH_CLI/bin/pip" install --quiet frappe-bench "setuptools<81"
	fi
}

gs_mysql_admin() {
	MYSQL_PWD="$GS_DB_ROOT_PASSWORD" mariadb --protocol=TCP -h "$GS_DB_HOST" -P "$GS_DB_PORT" -u "$GS_DB_ROOT_USER" "$@"
}

# bench new-site needs a MariaDB admin with a password. Use GS_DB_ROOT_USER/GS_DB_ROOT_PASSWORD when given;
# otherwise create an admin for the bench user once ('govservice_admin' for the default user), through
# root's passwordless login, and keep its generated password in the bench user's config directory (mode 600).
gs_ensure_mariadb() {
	local cred="$GS_STATE_DIR/db-admin"
	if [ -z "${GS_DB_ROOT_PASSWORD:-}" ] && [ -r "$cred" ]; then
		# shellcheck disable=SC1090
		. "$cred"
	fi
	if [ -z "${GS_DB_ROOT_PASSWORD:-}" ]; then
		local rootsql=()
		if mariadb -uroot -e 'select 1' >/dev/null 2>&1; then
			rootsql=(mariadb -uroot)
		elif mariadb --protocol=TCP -h "$GS_DB_HOST" -P "$GS_DB_PORT" -uroot -e 'select 1' >/dev/null 2>&1; then
			rootsql=(mariadb --protocol=TCP -h "$GS_DB_HOST" -P "$GS_DB_PORT" -uroot)
		else
			gs_die "cannot reach MariaDB at $GS_DB_HOST:$GS_DB_PORT as an admin. Start MariaDB, or set GS_DB_ROOT_USER and GS_DB_ROOT_PASSWORD to an account that may create databases and users."
		fi
		# One admin per OS user that runs a bench, so one user's set-up never re-keys another's.
		GS_DB_ROOT_USER="gs_admin_$(printf '%s' "$GS_BENCH_USER" | tr -c 'A-Za-z0-9_' '_' | cut -c1-40)"
		[ "$GS_BENCH_USER" != govservice ] || GS_DB_ROOT_USER=govservice_admin
		GS_DB_ROOT_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
		gs_log "creating the MariaDB admin '$GS_DB_ROOT_USER' for bench new-site"
		local host
		for host in localhost 127.0.0.1; do
			"${rootsql[@]}" -e "CREATE USER IF NOT EXISTS '$GS_DB_ROOT_USER'@'$host';
				ALTER USER '$GS_DB_ROOT_USER'@'$host' IDENTIFIED BY '$GS_DB_ROOT_PASSWORD';
				GRANT ALL PRIVILEGES ON *.* TO '$GS_DB_ROOT_USER'@'$host' WITH GRANT OPTION;"
		done
		"${rootsql[@]}" -e "FLUSH PRIVILEGES"
		gs_as_user mkdir -p "$GS_STATE_DIR"
		printf 'GS_DB_ROOT_USER=%s\nGS_DB_ROOT_PASSWORD=%s\n' "$GS_DB_ROOT_USER" "$GS_DB_ROOT_PASSWORD" |
			gs_as_user sh -c "umask 077 && cat > '$cred'"
	fi
	GS_DB_ROOT_USER=${GS_DB_ROOT_USER:-root}
	gs_mysql_admin -e 'select 1' >/dev/null || gs_die "MariaDB refused the admin '$GS_DB_ROOT_USER' at $GS_DB_HOST:$GS_DB_PORT"

	# Frappe needs utf8mb4 / utf8mb4_unicode_ci on the server.
	local current
	current=$(gs_mysql_admin -N -e 'select concat(@@character_set_server, "/", @@collation_server)')
	if [ "$current" != "utf8mb4/utf8mb4_unicode_ci" ]; then
		gs_log "MariaDB uses $current; switching the server to utf8mb4 / utf8mb4_unicode_ci"
		gs_mysql_admin -e "SET GLOBAL character_set_server = 'utf8mb4'; SET GLOBAL collation_server = 'utf8mb4_unicode_ci'"
		if [ "$(id -u)" = 0 ] && [ -d /etc/mysql/mariadb.conf.d ]; then
			cat >/etc/mysql/mariadb.conf.d/99-govservice.cnf <<'CNF'
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci

[mysql]
default-character-set = utf8mb4
CNF
		else
			gs_log "set character-set-server = utf8mb4 and collation-server = utf8mb4_unicode_ci in MariaDB's config so it survives a restart"
		fi
	fi
}

gs_ensure_redis() {
	local hostport=${GS_REDIS_URL#redis://}
	hostport=${hostport%%/*}
	if ! (exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}") 2>/dev/null; then
		gs_die "Redis is not reachable at $GS_REDIS_URL. Start it (redis-server --bind 127.0.0.1 --port 6379) or set GS_REDIS_URL."
	fi
}

# Builds the bench if there is none: Frappe and ERPNext from GS_FRAPPE_SOURCE / GS_ERPNEXT_SOURCE (git URL or
# local path), Redis on GS_REDIS_URL, and this checkout linked in as apps/govservice.
gs_ensure_bench() {
	gs_ensure_os_user
	gs_ensure_system_packages
	gs_ensure_redis
	gs_ensure_mariadb
	if [ ! -d "$GS_BENCH_DIR/apps/frappe" ]; then
		gs_ensure_bench_cli
		local python
		python=$(gs_find_python)
		gs_log "building a bench in $GS_BENCH_DIR from $GS_FRAPPE_SOURCE ($GS_FRAPPE_BRANCH)"
		[ ! -e "$GS_BENCH_DIR" ] || [ -z "$(ls -A "$GS_BENCH_DIR")" ] ||
			gs_die "$GS_BENCH_DIR exists but holds no bench; remove it or set GS_BENCH_DIR"
		gs_as_user mkdir -p "$(dirname "$GS_BENCH_DIR")"
		gs_as_user bench init "$GS_BENCH_DIR" --frappe-path "$GS_FRAPPE_SOURCE" --frappe-branch "$GS_FRAPPE_BRANCH" \
			--python "$python" --skip-redis-config-generation --no-backups --dev ||
			gs_die "bench init failed: check that $GS_FRAPPE_SOURCE is reachable (or set GS_FRAPPE_SOURCE to a local frappe checkout) and read the output above"
	fi
	gs_ensure_bench_cli
	# Frappe v15 imports pkg_resources, which setuptools 81 removed.
	gs_as_user "$GS_BENCH_DIR/env/bin/pip" install --quiet "setuptools<81"
	gs_bench set-config -g redis_cache "$GS_REDIS_URL" >/dev/null
	gs_bench set-config -g redis_queue "$GS_REDIS_URL" >/dev/null
	gs_bench set-config -g redis_socketio "$GS_REDIS_URL" >/dev/null
	gs_bench set-config -g db_host "$GS_DB_HOST" >/dev/null
	if [ ! -d "$GS_BENCH_DIR/apps/erpnext" ]; then
		gs_log "getting ERPNext from $GS_ERPNEXT_SOURCE ($GS_ERPNEXT_BRANCH)"
		gs_bench get-app --branch "$GS_ERPNEXT_BRANCH" erpnext "$GS_ERPNEXT_SOURCE" ||
			gs_die "bench get-app erpnext failed: check that $GS_ERPNEXT_SOURCE is reachable or set GS_ERPNEXT_SOURCE"
	fi
	gs_link_app
}

# apps/govservice points at this checkout, so the bench runs the code being worked on, when the bench user
# may write it (bench build writes the bundles into the app's public/dist). Otherwise (a root-owned clone, a
# read-only checkout) the checkout is copied into the bench afresh on every run.
gs_link_app() {
	local target="$GS_BENCH_DIR/apps/govservice"
	if gs_as_user test -w "$GS_REPO/govservice/public" -a -w "$GS_REPO/govservice"; then
		if [ "$(readlink "$target" 2>/dev/null || true)" != "$GS_REPO" ]; then
			gs_log "linking $GS_REPO into the bench as apps/govservice"
			gs_as_user rm -rf "$target"
			gs_as_user ln -s "$GS_REPO" "$target"
		fi
	else
		gs_log "'$GS_BENCH_USER' cannot write $GS_REPO; copying it into the bench"
		gs_as_user rm -rf "$target"
		gs_as_user mkdir -p "$target"
		tar -C "$GS_REPO" --exclude=.git --exclude=node_modules --exclude=govservice/public/dist -cf - . |
			gs_as_user tar -C "$target" -xf -
	fi
	local apps="$GS_BENCH_DIR/sites/apps.txt"
	if ! grep -qx govservice "$apps"; then
		# apps.txt may lack a final newline.
		{ [ -z "$(tail -c1 "$apps")" ] || echo; echo govservice; } | gs_as_user tee -a "$apps" >/dev/null
	fi
	gs_as_user "$GS_BENCH_DIR/env/bin/pip" install --quiet -e "$target"
	# Test tools: property tests, lint, and Playwright (its Python client only: the browser is Debian's chromium).
	gs_as_user "$GS_BENCH_DIR/env/bin/pip" install --quiet "hypothesis>=6.77" "ruff==0.17.6" "playwright>=1.49,<2"
	# Simplified Chinese: compile govservice/locale/*.po into the bench's translation files.
	gs_bench compile-po-to-mo --app govservice --force >/dev/null
}

# Builds govservice's desk assets and checks that they are there: `bench build` can exit 0 after an error,
# and a desk without govservice.bundle.js loses every form script and report filter of the app.
gs_build_assets() {
	local log
	log=$(mktemp)
	gs_log "building govservice's assets"
	if ! gs_bench build --app govservice >"$log" 2>&1 || grep -Eqi '(^|[^a-z])(error|EACCES)' "$log"; then
		cat "$log" >&2
		rm -f "$log"
		gs_die "bench build --app govservice failed (see above)"
	fi
	rm -f "$log"
	local bundle
	bundle=$(gs_as_user "$GS_BENCH_DIR/env/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get("govservice.bundle.js", ""))' "$GS_BENCH_DIR/sites/assets/assets.json")
	[ -n "$bundle" ] && gs_as_user test -s "$GS_BENCH_DIR/sites$bundle" ||
		gs_die "bench build reported success but govservice.bundle.js is missing from sites/assets"
}

# Starts a command as the bench user, with its output in LOG, in a process group of its own, and prints that
# group's id: the caller stops exactly what it started (kill -- -PGID), never other processes that look alike.
gs_start_group() {
	local log=$1
	shift
	if [ "$(id -u)" = 0 ]; then
		setsid runuser -u "$GS_BENCH_USER" -- env HOME="$GS_BENCH_HOME" USER="$GS_BENCH_USER" \
			LOGNAME="$GS_BENCH_USER" PATH="$GS_BENCH_CLI/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 \
			LC_ALL=C.UTF-8 "$@" >"$log" 2>&1 </dev/null &
	else
		setsid "$@" >"$log" 2>&1 </dev/null &
	fi
	echo $!
}

# Creates a site with ERPNext and govservice installed (dropping an existing one of that name).
gs_new_site() {
	local site=$1
	[ -n "${GS_DB_ROOT_PASSWORD:-}" ] || gs_ensure_mariadb
	gs_log "creating site $site with ERPNext and govservice"
	gs_bench new-site "$site" --force --db-root-username "$GS_DB_ROOT_USER" --db-root-password "$GS_DB_ROOT_PASSWORD" \
		--admin-password "$GS_ADMIN_PASSWORD" --db-host "$GS_DB_HOST" --db-port "$GS_DB_PORT" \
		--mariadb-user-host-login-scope='%' --install-app erpnext --install-app govservice
}

# Restores a backup into a new site SITE (dropping one of that name): the database and both file archives,
# with the MariaDB admin the scripts use (root's own login is by socket, for root only).
gs_restore_backup() {
	local site=$1 database=$2 public_files=$3 private_files=$4
	[ -n "${GS_DB_ROOT_PASSWORD:-}" ] || gs_ensure_mariadb
	gs_bench new-site "$site" --force --db-root-username "$GS_DB_ROOT_USER" --db-root-password "$GS_DB_ROOT_PASSWORD" \
		--admin-password "$GS_ADMIN_PASSWORD" --db-host "$GS_DB_HOST" --db-port "$GS_DB_PORT" \
		--mariadb-user-host-login-scope='%' >/dev/null
	gs_bench --site "$site" restore "$database" --with-public-files "$public_files" \
		--with-private-files "$private_files" --db-root-username "$GS_DB_ROOT_USER" \
		--db-root-password "$GS_DB_ROOT_PASSWORD" >/dev/null
}

# After gs_restore_backup: the backup's encryption key (without it no stored password can be read), a
# migrate (which keeps the administrators' workflow) and a running scheduler (a restored site's is off).
gs_restore_finish() {
	local site=$1 site_config=$2 key
	key=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("encryption_key", ""))' "$site_config")
	[ -n "$key" ] || gs_die "$site_config holds no encryption_key"
	gs_bench --site "$site" set-config encryption_key "$key" >/dev/null
	gs_bench --site "$site" migrate >/dev/null
	gs_bench --site "$site" scheduler enable >/dev/null
	gs_bench --site "$site" scheduler resume >/dev/null
}

# The four files of the backup whose database file is DATABASE (…-database.sql.gz), one per line.
gs_backup_set() {
	local database=$1 prefix
	prefix=${database%-database.sql.gz}
	[ "$prefix" != "$database" ] || gs_die "$database is not a Frappe database backup (…-database.sql.gz)"
	local file
	for file in "$database" "$prefix-files.tar" "$prefix-private-files.tar" "$prefix-site_config_backup.json"; do
		[ -r "$file" ] || gs_die "the backup is incomplete: $file is missing"
		echo "$file"
	done
}

# syntax=docker/dockerfile:1
# Wijkdashboard in a container (docs/container.md): the app from the hash-pinned lock file,
# Debian's chromium and DejaVu for the exports, a user without rights, the demo by default.
#
#   docker build -t wijkdashboard .
#   docker run -p 8501:8501 -v wijkdashboard-data:/data wijkdashboard
#
# Python 3.11 on Debian 12 (bookworm), the versions the project is developed and tested on
# (docs/STACK_NOTES.md). Pinned to a version tag; pin the digest too where your registry
# policy asks for it (`FROM python:3.11.7-slim-bookworm@sha256:...`).
FROM python:3.11.7-slim-bookworm

# chromium and fonts-dejavu-core: the runtime packages of `make run`
# (scripts/install-system-deps.sh runtime): kaleido draws the exported charts in chromium,
# the PDF embeds DejaVu Sans. Versions follow Debian 12's security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore

WORKDIR /app

# Every package at the version and with the hash in the lock file, nothing else (README).
COPY requirements.lock.txt ./
RUN python -m pip install --no-cache-dir --require-hashes -r requirements.lock.txt

# The app as it runs from a checkout (Makefile `run`): app.py, pages/, dashboard/, static/
# and .streamlit/config.toml; the licence and notices go along.
COPY LICENSE README.md CHANGELOG.md publiccode.yml pyproject.toml ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY static/ static/
COPY pages/ pages/
COPY dashboard/ dashboard/
COPY app.py ./

# A user without rights; /data (database, audit log, salt, saved mappings) is its only
# writable place.
RUN groupadd --system --gid 10001 wijkdashboard \
    && useradd --system --uid 10001 --gid wijkdashboard --home-dir /home/wijkdashboard \
        --create-home --shell /usr/sbin/nologin wijkdashboard \
    && mkdir /data \
    && chown wijkdashboard:wijkdashboard /data
USER 10001:10001

# Where the data lives (dashboard/config.py) and how Streamlit serves (its own variables).
# The login: mount a secrets.toml with [auth] and [toegang] and name it in
# WIJKDASHBOARD_SECRETS, or give [auth] in WIJKDASHBOARD_AUTH_* variables (docs/container.md).
ENV WIJKDASHBOARD_DATA=/data \
    BROWSER_PATH=/usr/bin/chromium \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
VOLUME ["/data"]
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "dashboard.container", "health"]

# Builds the demo in /data on first start when no database is there, then serves the app.
CMD ["python", "-m", "dashboard.container"]

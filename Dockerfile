# polywire: one image for every process of a fleet (serve, worker, migrate).
# Debian slim with the Apertium language pairs the wire translates with out of the box
# (the same packages scripts/setup.sh installs). Build: docker build -t polywire .
FROM debian:bookworm-slim

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/polywire/bin:$PATH \
    POLYWIRE_DATA_DIR=/var/lib/polywire

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        python3 python3-venv ca-certificates \
        apertium apertium-eng-spa apertium-es-pt apertium-fr-es \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN python3 -m venv /opt/polywire \
    && /opt/polywire/bin/pip install --no-cache-dir . \
    && rm -rf /src

RUN useradd --system --home-dir /var/lib/polywire --create-home polywire
USER polywire
WORKDIR /var/lib/polywire

EXPOSE 8765
# Any polywire command: `serve`, `worker`, `migrate`, `jobs list` ...
ENTRYPOINT ["polywire"]
CMD ["serve", "--host", "0.0.0.0"]

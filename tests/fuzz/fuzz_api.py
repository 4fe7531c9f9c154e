"""Schema fuzzing of the running API with Schemathesis, once per backend.

For each backend this starts `noaber serve` on a free loopback port with a fresh
database, creates one account per role, seeds a request (with a response, hence a
match) and a vacancy, and runs Schemathesis against /api/v1/openapi.json anonymously
and with each role's token. It passes only when there are no 5xx answers and every
answer matches the documented status codes, content types and schemas.

Usage: python fuzz_api.py --bin target/debug/noaber --backend sqlite|postgres
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

PASSWORD = "groene-tafel-onder-de-linde"
ROLES = ["resident", "volunteer", "organisation", "coordinator"]
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
    ]
)
# Routes that end the caller's own login or account would leave the rest of a run
# unauthenticated; their rules have their own tests in tests/tests/api.
LOGIN_ENDING = r"^/api/v1/(me|auth/sessions?|me/password)$"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as e:
        sys.exit(f"seeding failed: {method} {path} -> {e.code} {e.read()[:300]!r}")


def post_body(title, category):
    return {
        "title": title,
        "description": f"{title}. Graag iemand uit de buurt.",
        "category": category,
        "place": "Beilen",
        "talents": [],
        "schedule": {"kind": "flexible"},
    }


class Server:
    """A Noaber server with its own data directory (and PostgreSQL database)."""

    def __init__(self, binary, backend, pg_url):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix=f"noaber-fuzz-{backend}-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ)
        self.env.update(
            NOABER_DATA_DIR=self.dir,
            NOABER_BIND=f"127.0.0.1:{self.port}",
            # The fuzzer sends thousands of requests a minute from one address.
            NOABER_ACCOUNT_REQUESTS_PER_MINUTE="0",
            NOABER_LIMIT_POSTS_PER_HOUR="100000",
            NOABER_LIMIT_RESPONSES_PER_HOUR="100000",
            NOABER_LIMIT_MESSAGES_PER_HOUR="100000",
            RUST_LOG="warn",
        )
        self.pg_url, self.database = pg_url, None
        if backend == "postgres":
            self.database = "noaber_test_fuzz_" + uuid.uuid4().hex[:8]
            subprocess.run(["psql", f"{pg_url}/postgres", "-qc", f"CREATE DATABASE {self.database}"], check=True)
            self.env["NOABER_DATABASE_URL"] = f"{pg_url}/{self.database}"
        self.process = None

    def start(self):
        subprocess.run([self.binary, "migrate"], env=self.env, check=True, capture_output=True)
        self.ids = {}
        for role in ROLES:
            out = subprocess.run(
                [self.binary, "user", "add", "--role", role, "--email", f"{role}@proef.example.nl", "--name", f"Proef {role}"],
                env=self.env, input=PASSWORD + "\n", text=True, check=True, capture_output=True,
            ).stdout
            self.ids[role] = out.strip().rsplit("(", 1)[1].rstrip(")")
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.process = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/readyz", timeout=1)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        sys.exit("the server did not become ready")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.log.close()
        if self.database:
            subprocess.run(["psql", f"{self.pg_url}/postgres", "-qc", f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"], check=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def seed(server):
    """Tokens per role and the ids the path parameters are filled with."""
    base = server.base
    tokens = {
        role: call(base, "POST", "/api/v1/auth/login", {"email": f"{role}@proef.example.nl", "password": PASSWORD})["access_token"]
        for role in ROLES
    }
    request = call(base, "POST", "/api/v1/requests", post_body("Wie helpt mij met boodschappen doen", "boodschappen"), tokens["resident"])
    call(base, "POST", f"/api/v1/requests/{request['id']}/review", {"decision": "approve"}, tokens["coordinator"])
    match = call(base, "POST", f"/api/v1/requests/{request['id']}/responses", {"message": "Ik help graag."}, tokens["volunteer"])
    call(base, "POST", "/api/v1/vacancies", post_body("Gastvrouw voor het dorpshuis", "bezoekwerk"), tokens["organisation"])
    mail = call(base, "GET", "/api/v1/mail", token=tokens["coordinator"])["items"]
    # An account only for role changes, so the fuzzer never ends a token it uses.
    target = subprocess.run(
        [server.binary, "user", "add", "--role", "resident", "--email", "doel@proef.example.nl"],
        env=server.env, input=PASSWORD + "\n", text=True, check=True, capture_output=True,
    ).stdout.strip().rsplit("(", 1)[1].rstrip(")")
    ids = {
        "/api/v1/{kind}/{id}": {"path.kind": "requests", "path.id": request["id"]},
        "/api/v1/matches/{id}": {"path.id": match["id"]},
        "/api/v1/volunteers/{id}": {"path.id": server.ids["volunteer"]},
        "/api/v1/accounts/{id}": {"path.id": target},
        "/api/v1/mail/{id}": {"path.id": mail[0]["id"] if mail else str(uuid.uuid4())},
        "/api/v1/requests/{id}": {"path.id": request["id"]},
    }
    return tokens, ids


def config(ids, token):
    """A schemathesis.toml: the token and a real id for every path parameter."""
    lines = []
    if token:
        lines.append(f'headers = {{ Authorization = "Bearer {token}" }}')
    for prefix, params in ids.items():
        values = ", ".join(f'"{k}" = "{v}"' for k, v in params.items())
        lines += ["[[operations]]", f'include-path-regex = "^{prefix.replace("{", "[{]").replace("}", "[}]")}"', f"parameters = {{ {values} }}"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--schemathesis", default="schemathesis")
    parser.add_argument("--max-examples", default="25")
    args = parser.parse_args()
    pg_url = os.environ.get("NOABER_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432")
    server = Server(os.path.abspath(args.bin), args.backend, pg_url)
    failed = []
    try:
        server.start()
        tokens, ids = seed(server)
        for role in ["anonymous"] + ROLES:
            cfg = os.path.join(server.dir, f"schemathesis-{role}.toml")
            with open(cfg, "w") as f:
                f.write(config(ids, tokens.get(role)))
            print(f"\n--- {args.backend}: {role} ---", flush=True)
            run = subprocess.run(
                [args.schemathesis, "--config-file", cfg, "run", server.base + "/api/v1/openapi.json",
                 "--checks", CHECKS, "--max-examples", args.max_examples, "--workers", "1",
                 "--phases", "examples,coverage,fuzzing", "--exclude-path-regex", LOGIN_ENDING,
                 "--seed", "2026", "--no-color"],
                cwd=server.dir,
            )
            if run.returncode != 0:
                failed.append(role)
        if server.process.poll() is not None:
            failed.append("server stopped")
    finally:
        server.stop()
    if failed:
        sys.exit(f"schema fuzzing on {args.backend} failed for: {', '.join(failed)}")
    print(f"schema fuzzing on {args.backend}: no failures")


if __name__ == "__main__":
    main()

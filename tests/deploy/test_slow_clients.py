"""Slow and idle clients wait in nginx, not in the app server: with a single gunicorn sync
worker behind nginx, connections that send nothing (or half a request) do not keep pages
from being served. (Straight to gunicorn, one such connection holds the worker until its
timeout: deploy/fault_drills.py shows it.)"""

from __future__ import annotations

import socket

import pytest

from deploy import stack

from .conftest import stack_environment

pytestmark = pytest.mark.slow

IDLE_CONNECTIONS = 20


@pytest.fixture(scope="module")
def behind_nginx(stack_database, stack_static, tmp_path_factory):
    if stack.nginx_binary() is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    env = stack_environment(stack_database, stack_static)
    workdir = tmp_path_factory.mktemp("nginx")
    app = stack.app_server(port=stack.free_port(), env=env, workers=1, log=workdir / "app.log")
    proxy = stack.nginx(
        workdir=workdir, port=stack.free_port(), app_ports=[app.port], static_root=stack_static
    )
    with stack.Stack([app, proxy]):
        yield proxy.port


def _idle(port: int, *, half_a_request: bool) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    if half_a_request:  # headers begun, never finished
        connection.sendall(b"GET /questions/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return connection


def _get(port: int, path: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer


def test_pages_are_served_while_idle_connections_are_held_open(behind_nginx):
    port = behind_nginx
    idle = [_idle(port, half_a_request=number % 2 == 1) for number in range(IDLE_CONNECTIONS)]
    try:
        answers = [_get(port, path) for path in ("/questions/", "/", "/questions/", "/forum/")]
    finally:
        for connection in idle:
            connection.close()

    assert [status for status, _body in answers] == [200, 200, 200, 200]
    assert all(b"</html>" in body for _status, body in answers)


def test_static_files_come_from_nginx_with_long_caching(behind_nginx, stack_static):
    name = next(stack_static.glob("css/site.*.css")).name  # the hashed copy collectstatic made

    status, answer = _get(behind_nginx, f"/static/css/{name}")

    assert status == 200
    assert b"Cache-Control: public, immutable" in answer

"""The exercise app gives its kernels back and keeps strangers out: a closed tab shuts its kernel
down, there is a limit with a Swedish page, idle kernels are culled by the server's own culler,
and a request from another site or naming another host starts no kernel (plain HTTP requests)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from app_server import AppServer, voila_app
from browser import chromium_browser, need_chromium

pytestmark = pytest.mark.browser


def get(server: AppServer, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(f"{server.base}/", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_strangers_start_no_kernel_and_the_limit_has_a_swedish_page(tmp_path: Path):
    with voila_app(tmp_path, HANDBOK_MAX_KERNLAR="1") as server:
        # a script on another site: fetch() with its Origin, or in no-cors mode marked cross-site
        for headers in (
            {"Origin": "http://angripare.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "empty"},
            {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"},
        ):
            status, body = get(server, headers)
            assert status == 403 and "annan webbplats" in body, (headers, status)
        status, _ = get(server, {"Host": "angripare.example"})  # DNS rebinding: another host name
        assert status == 403
        assert server.kernels() == []
        # a link followed from another site (the book) opens the app
        status, body = get(
            server, {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
        )
        assert status == 200, body
        assert server.wait_for_kernels(1) == 1
        status, body = get(server, {})
        assert status == 503 and "Övningarna är fulla just nu" in body and 'lang="sv"' in body
        assert len(server.kernels()) == 1


def test_idle_kernels_are_culled_after_the_setting(monkeypatch):
    # Imported here: the module loads Voilà and Jupyter Server (half a second), which every
    # pytest process would otherwise import while collecting, for the browser tests alone.
    from toolkit.exercises.server import server_options

    monkeypatch.setenv("HANDBOK_KERNEL_TOMGANG_MINUTER", "20")
    assert "--MappingKernelManager.cull_idle_timeout=1200" in server_options()
    monkeypatch.setenv("HANDBOK_KERNEL_TOMGANG_MINUTER", "5")
    options = server_options()
    assert "--MappingKernelManager.cull_idle_timeout=300" in options
    assert any(o.startswith("--MappingKernelManager.cull_interval=") for o in options)


def test_closed_pages_give_their_kernels_back(tmp_path: Path):
    need_chromium()
    with voila_app(tmp_path) as server, chromium_browser() as browser:
        opener = browser.new_page()
        pages = []
        for _ in range(3):
            # a window a script opened can be closed by a script, which closes it as a tab is closed
            with opener.expect_popup() as popup:
                opener.evaluate("url => { window.open(url) }", f"{server.base}/")
            page = popup.value
            page.locator(".widget-button", has_text="Börja").wait_for(timeout=120000)
            pages.append(page)
        assert server.wait_for_kernels(3) == 3
        pages[0].evaluate("window.close()")  # the tab is closed
        pages[1].goto("about:blank")  # the trainee goes elsewhere
        assert server.wait_for_kernels(1, timeout=30) == 1
        pages[2].evaluate("window.close()")
        assert server.wait_for_kernels(0, timeout=30) == 0

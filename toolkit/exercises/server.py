"""The exercise app's web server: Voilà, with kernels that are given back and a door only for this site.

Every page load starts a kernel (one Python process per trainee session). Left alone, Voilà
keeps them all. This server:

- lets the page shut its kernel down when the tab closes: Voilà's page sends the `_xsrf` cookie
  back with that request, so the cookie is set when the page is served (without it the server
  answered 403 and the kernel lived on);
- shuts down kernels that stand idle with no page connected (settings.kernel_idle_minutes);
- keeps at most settings.max_kernels kernels and tells the next trainee, in Swedish, to try again;
- answers only to this computer's names and settings.app_hosts(), and starts no kernel for a
  script or frame on another site (its Origin or Sec-Fetch-Site header gives it away).

`python -m toolkit.exercises.server NOTEBOOK [Voilà options]` (toolkit.exercises.app builds the command).
"""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlparse

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer, Unicode
from voila.app import Voila

from .. import settings
from .render import html

LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1"]
APP_KERNEL = "handbok-ovningar"  # book/app/jupyter/kernels/: ipykernel without debugpy (toolkit.exercises.kernel)

FULL = (
    "Övningarna är fulla just nu",
    "Så många övar samtidigt att det inte finns plats för en till. Vänta en stund och ladda om sidan. "
    "Stäng gärna flikar med övningar som du inte använder.",
)
FOREIGN = (
    "Sidan kan inte öppnas härifrån",
    "Övningarna öppnas bara direkt i webbläsaren eller från en länk, inte inifrån en annan webbplats.",
)


def page(title: str, text: str) -> str:
    """A small Swedish page for the trainee (no script, nothing from another host)."""
    return html("server", "page", title, text)


def foreign_request(headers: Any, host: str) -> bool:
    """True when a request comes from a script or frame on another site: its Origin names
    another host, or the browser marks it cross-site without it being a page opened by the user."""
    origin = headers.get("Origin")
    if origin and origin != "null" and urlparse(origin).netloc.lower() != host.lower():
        return True
    if origin == "null":
        return True
    site = headers.get("Sec-Fetch-Site")
    if site in ("cross-site", "same-site"):
        opened = headers.get("Sec-Fetch-Mode") == "navigate" and headers.get("Sec-Fetch-Dest") == "document"
        return not opened  # a link followed by the trainee opens the app; fetch() and frames do not
    return False


def prelaunch(handler: web.RequestHandler, notebook: Any = None, cwd: str | None = None) -> None:
    """Voilà's hook before a page starts its kernel: refuse foreign requests and a full server,
    and set the _xsrf cookie that the page's shut-down request on closing needs."""
    if foreign_request(handler.request.headers, handler.request.host):
        handler.set_status(403)
        raise web.Finish(page(*FOREIGN))
    manager = handler.settings["kernel_manager"]
    limit = getattr(manager, "max_kernels", None)
    if limit is not None and len(manager.list_kernel_ids()) >= limit:
        handler.set_status(503)
        handler.set_header("Retry-After", "60")
        raise web.Finish(page(*FULL))
    handler.xsrf_token  # noqa: B018 - reading it sets the cookie


class LimitedKernelManager(AsyncMappingKernelManager):
    """The kernels of the app, never more than max_kernels (also when pages load at the same time)."""

    max_kernels = Integer(settings.DEFAULT_MAX_KERNELS, config=True, help="Most kernels running at once.")
    app_kernel = Unicode("", config=True, help="The kernel spec every page gets, whatever its notebook names.")

    async def start_kernel(self, *args: Any, kernel_id: str | None = None, **kwargs: Any) -> str:  # type: ignore[override]
        """Start a kernel unless max_kernels are already running (then 503 with the Swedish page)."""
        if kernel_id is None and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(503, reason="Övningarna är fulla just nu")
        if self.app_kernel:
            kwargs["kernel_name"] = self.app_kernel
        return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)


class ExerciseServer(Voila):
    """Voilà answering only to the allowed host names (Voilà alone answers to any)."""

    def init_settings(self) -> dict[str, Any]:
        """Voilà's tornado settings with the Host check of Jupyter Server turned back on."""
        tornado = super().init_settings()
        tornado["allow_remote_access"] = False
        tornado["local_hostnames"] = LOCAL_HOSTS + settings.app_hosts()
        return tornado


def server_options() -> list[str]:
    """The command-line options for kernels: the limit, culling idle kernels and the manager class."""
    minutes = settings.kernel_idle_minutes()
    return [
        f"--VoilaConfiguration.multi_kernel_manager_class={LimitedKernelManager.__module__}.LimitedKernelManager",
        f"--LimitedKernelManager.max_kernels={settings.max_kernels()}",
        f"--LimitedKernelManager.app_kernel={APP_KERNEL}",
        f"--MappingKernelManager.cull_idle_timeout={minutes * 60}",
        f"--MappingKernelManager.cull_interval={max(10, min(60, minutes * 15))}",
    ]


def main(argv: list[str] | None = None) -> None:
    """Serve a notebook with Voilà and the limits above."""
    app = ExerciseServer()
    app.initialize([*(sys.argv[1:] if argv is None else argv), *server_options()])
    app.voila_configuration.prelaunch_hook = prelaunch
    app.start()


if __name__ == "__main__":
    main()

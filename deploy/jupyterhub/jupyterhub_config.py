"""JupyterHub for a unit: each trainee logs in and gets their own exercise app (Voilà in a
Jupyter server started for them); attempts are stored under the hub user name.

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Settings (environment variables; deploy/README.md describes them):

HANDBOK_HUB_INLOGGNING   azuread | ldap | test   (test: every user, one shared password)
HANDBOK_HUB_TESTLOSENORD the password of the test log-in (only with 'test')
HANDBOK_HUB_IP, HANDBOK_HUB_PORT   where the hub listens (127.0.0.1:8000)
HANDBOK_HUB_TILLSTAND    folder for the hub's own database and cookie secret (./hub-tillstand)
HANDBOK_HUB_SPAWNER      local (one operating-system user per trainee) | simple (all as this user)
HANDBOK_METODHANDLEDARE  hub user names of the method supervisors (comma-separated): group metodhandledare
HANDBOK_DB               the shared progress store (PostgreSQL in production)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from toolkit import settings
from toolkit.exercises.app import built_book_base, voila_templates
from toolkit.exercises.server import APP_KERNEL, LimitedKernelManager

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - given by JupyterHub

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("HANDBOK_HUB_TILLSTAND", "hub-tillstand")).resolve()
STATE.mkdir(parents=True, exist_ok=True)
SUPERVISORS = "metodhandledare"

c.JupyterHub.ip = os.environ.get("HANDBOK_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("HANDBOK_HUB_PORT", "8000"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.ConfigurableHTTPProxy.command = [
    str(settings.project_root() / "assets" / "node_modules" / ".bin" / "configurable-http-proxy")
]

# -- log-in --------------------------------------------------------------------------------------
login = os.environ.get("HANDBOK_HUB_INLOGGNING", "").strip()
if login == "azuread":
    c.JupyterHub.authenticator_class = "azuread"  # oauthenticator.azuread.AzureAdOAuthenticator
    c.AzureAdOAuthenticator.tenant_id = os.environ["AAD_TENANT_ID"]
    c.AzureAdOAuthenticator.client_id = os.environ["AAD_CLIENT_ID"]
    c.AzureAdOAuthenticator.client_secret = os.environ["AAD_CLIENT_SECRET"]
    c.AzureAdOAuthenticator.oauth_callback_url = os.environ["AAD_CALLBACK_URL"]
    c.AzureAdOAuthenticator.username_claim = "oid"  # an opaque id, never the name, becomes the pseudonym
    c.AzureAdOAuthenticator.allow_all = True  # everyone the municipality's tenant lets in
elif login == "ldap":
    c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
    c.LDAPAuthenticator.server_address = os.environ["LDAP_SERVER"]
    c.LDAPAuthenticator.bind_dn_template = [os.environ["LDAP_BIND_DN_TEMPLATE"]]
    c.LDAPAuthenticator.allowed_groups = [g for g in os.environ.get("LDAP_GRUPPER", "").split(";") if g]
    c.LDAPAuthenticator.allow_all = not c.LDAPAuthenticator.allowed_groups
elif login == "test":
    c.JupyterHub.authenticator_class = "dummy"  # for tests and trying out only
    c.DummyAuthenticator.password = os.environ["HANDBOK_HUB_TESTLOSENORD"]
    c.Authenticator.allow_all = True
else:
    sys.exit("Ange inloggningen med HANDBOK_HUB_INLOGGNING=azuread, ldap eller test (se deploy/README.md).")

supervisors = [u.strip() for u in os.environ.get("HANDBOK_METODHANDLEDARE", "").split(",") if u.strip()]
c.JupyterHub.load_groups = {SUPERVISORS: {"users": supervisors}}
c.Authenticator.admin_users = set()

# -- each trainee's server: Jupyter Server with Voilà, showing only the exercise app --------------
if os.environ.get("HANDBOK_HUB_SPAWNER", "local") == "simple":
    c.JupyterHub.spawner_class = "simple"  # all trainees as the hub's own user (tests, one computer)
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "hem" / "{username}")
else:
    c.JupyterHub.spawner_class = "localprocess"  # one operating-system user per trainee


def role(spawner) -> str:  # type: ignore[no-untyped-def]
    """'metodhandledare' for members of the supervisors' group, else 'nyanstalld'."""
    return SUPERVISORS if any(g.name == SUPERVISORS for g in spawner.user.groups) else "nyanstalld"


built = built_book_base()
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = "/voila/render/book/app/ovningar.ipynb"
c.Spawner.notebook_dir = str(settings.project_root())  # the feedback links to the built book beside the app
c.Spawner.args = [
    f"--config={HERE / 'singleuser_config.py'}",
    "--ServerApp.terminals_enabled=False",
    f"--ServerApp.kernel_manager_class={LimitedKernelManager.__module__}.LimitedKernelManager",
    "--LimitedKernelManager.max_kernels=3",  # a trainee needs one; a few tabs at most
    f"--LimitedKernelManager.app_kernel={APP_KERNEL}",
    f"--MappingKernelManager.cull_idle_timeout={settings.kernel_idle_minutes() * 60}",
    "--MappingKernelManager.cull_interval=60",
    "--VoilaConfiguration.template=handbok",
    "--VoilaConfiguration.show_tracebacks=False",
    f"--VoilaConfiguration.file_allowlist={built or '(?!)'}/.*",
]
if os.geteuid() == 0:  # a container or test machine run as root; the servers then run as root too
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {
    "HANDBOK_PROJEKT": str(settings.project_root()),
    "HANDBOK_DB": settings.database_url(),
    "KOMMUN": settings.municipality(),
    "JUPYTER_PATH": str(voila_templates()),
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "HANDBOK_ROLL": role,
}
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120

"""Each trainee's Jupyter server under the hub: Voilà's pages set the _xsrf cookie that their
shut-down request on closing needs, and start no kernel for another site (toolkit.exercises.server)."""

from toolkit.exercises.server import prelaunch

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - given by Jupyter Server
c.VoilaConfiguration.prelaunch_hook = prelaunch

"""Charts (matplotlib). With toolkit.exercises the only place that imports a UI or plotting
library; every figure is computed by the core and only drawn here."""

"""Every parameter schema in one place: the one strict base and a module per parameter file.

common     Strict (the one pydantic base), Source, Dated, Kronor
riksnorm   riksnorm.yaml, with the age bands and household sizes read from its keys
national   prisbasbelopp, lagrum, jobbstimulans, barns_inkomster, inkomsttyper, kostnadstyper
municipality  kommuner/<kortnamn>.yaml
budget     budgetkategorier.yaml, konsumentverket.yaml
control    kontroll.yaml
plan       planregler.yaml
"""

from .common import Dated, Kronor, Source, Strict

__all__ = ["Dated", "Kronor", "Source", "Strict"]

"""The files of a case for the clerk: the routes shared with the relatore
(:mod:`gateway.web.fascicolo_rotte`), for users of the secretariat."""

from gateway.web.fascicolo_rotte import rotte

router = rotte("segreteria")

"""FastAPI dependencies for the gateway's shared parts, used by the REST API and the pages:
the clients of the services (typed as their ports, so that fakes stand in), the files, the
scanner stations."""

from typing import Annotated

from fastapi import Depends, Request

from gateway.files import GatewayFiles
from gateway.ports import (
    AcquisizionePort,
    BusPort,
    Clients,
    IstanzePort,
    NotifichePort,
    PostalePort,
    RevisionePort,
)
from gateway.stazioni.store import StazioniStore


def _clients(request: Request) -> Clients:
    clients: Clients = request.app.state.clients
    return clients


def _istanze(request: Request) -> IstanzePort:
    return _clients(request).istanze


def _acquisizione(request: Request) -> AcquisizionePort:
    return _clients(request).acquisizione


def _revisione(request: Request) -> RevisionePort:
    return _clients(request).revisione


def _postale(request: Request) -> PostalePort:
    return _clients(request).postale


def _notifiche(request: Request) -> NotifichePort:
    return _clients(request).notifiche


def _bus(request: Request) -> BusPort:
    return _clients(request).bus


def _files(request: Request) -> GatewayFiles:
    files: GatewayFiles = request.app.state.files
    return files


def _stazioni(request: Request) -> StazioniStore:
    stazioni: StazioniStore = request.app.state.stazioni
    return stazioni


Servizi = Annotated[Clients, Depends(_clients)]
"""Every client at once, for a page that reads a case from several services."""
Istanze = Annotated[IstanzePort, Depends(_istanze)]
Acquisizione = Annotated[AcquisizionePort, Depends(_acquisizione)]
Revisione = Annotated[RevisionePort, Depends(_revisione)]
Postale = Annotated[PostalePort, Depends(_postale)]
Notifiche = Annotated[NotifichePort, Depends(_notifiche)]
Bus = Annotated[BusPort, Depends(_bus)]
Files = Annotated[GatewayFiles, Depends(_files)]
Stazioni = Annotated[StazioniStore, Depends(_stazioni)]

"""FastAPI dependencies for the gateway's shared parts, used by the REST API and the pages."""

from typing import Annotated

from fastapi import Depends, Request

from gateway.acquisizione import AcquisizioneClient
from gateway.files import GatewayFiles
from gateway.istanze import IstanzeClient
from gateway.stazioni.store import StazioniStore


def _istanze(request: Request) -> IstanzeClient:
    client: IstanzeClient = request.app.state.istanze
    return client


def _acquisizione(request: Request) -> AcquisizioneClient:
    client: AcquisizioneClient = request.app.state.acquisizione
    return client


def _files(request: Request) -> GatewayFiles:
    files: GatewayFiles = request.app.state.files
    return files


def _stazioni(request: Request) -> StazioniStore:
    stazioni: StazioniStore = request.app.state.stazioni
    return stazioni


Istanze = Annotated[IstanzeClient, Depends(_istanze)]
Acquisizione = Annotated[AcquisizioneClient, Depends(_acquisizione)]
Files = Annotated[GatewayFiles, Depends(_files)]
Stazioni = Annotated[StazioniStore, Depends(_stazioni)]

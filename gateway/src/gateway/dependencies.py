"""FastAPI dependencies for the gateway's shared parts, used by the REST API and the pages."""

from typing import Annotated

from fastapi import Depends, Request

from gateway.files import GatewayFiles
from gateway.istanze import IstanzeClient


def _istanze(request: Request) -> IstanzeClient:
    client: IstanzeClient = request.app.state.istanze
    return client


def _files(request: Request) -> GatewayFiles:
    files: GatewayFiles = request.app.state.files
    return files


Istanze = Annotated[IstanzeClient, Depends(_istanze)]
Files = Annotated[GatewayFiles, Depends(_files)]

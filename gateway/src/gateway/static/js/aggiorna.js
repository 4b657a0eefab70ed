/*
 * Parcelle: a part of a page that waits for something another service prepares (the notice
 * of start of proceedings, the signed liquidation order) updates by itself when it is ready.
 *
 * The part carries data-aggiorna="<address of the same part alone>". This script asks that
 * address again, every few seconds and less and less often, while the page is visible; when
 * the answer no longer carries data-aggiorna, or carries it with something changed (a delivery
 * that moved on), the part is replaced by it and a polite live region says so (data-annuncio). The focus stays where it is (the scan field keeps it).
 * Without JavaScript the part keeps its advice to reload the page (data-senza-js); with it
 * that advice becomes data-con-js. No motion when the user asked for less.
 */
(function () {
  "use strict";

  var PRIMA = 2000;
  var MASSIMA = 10000;
  var DURATA = 5 * 60 * 1000;
  var annunci = null;

  function pocoMovimento() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function regioneAnnunci() {
    if (!annunci) {
      annunci = document.createElement("div");
      annunci.className = "visually-hidden";
      annunci.setAttribute("role", "status");
      annunci.setAttribute("aria-live", "polite");
      document.body.appendChild(annunci);
    }
    return annunci;
  }

  function conJavaScript(parte) {
    parte.querySelectorAll("[data-senza-js]").forEach(function (e) { e.hidden = true; });
    parte.querySelectorAll("[data-con-js]").forEach(function (e) { e.hidden = false; });
  }

  function sostituisci(parte, nuova) {
    var annuncio = parte.dataset.annuncio;
    parte.replaceWith(nuova);
    if (!pocoMovimento()) {
      nuova.classList.add("parcelle-aggiornata");
      window.setTimeout(function () { nuova.classList.remove("parcelle-aggiornata"); }, 2500);
    }
    if (annuncio) {
      regioneAnnunci().textContent = annuncio;
    }
  }

  function segui(parte) {
    var indirizzo = parte.dataset.aggiorna;
    var attesa = PRIMA;
    var fine = Date.now() + DURATA;
    conJavaScript(parte);

    function prossima() {
      if (Date.now() > fine) { return; }
      window.setTimeout(chiedi, attesa);
      attesa = Math.min(MASSIMA, Math.round(attesa * 1.5));
    }

    function chiedi() {
      if (document.hidden) {
        document.addEventListener("visibilitychange", chiedi, { once: true });
        return;
      }
      fetch(indirizzo, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { "Accept": "text/html", "X-Parcelle-Parte": "1" }
      }).then(function (risposta) {
        if (risposta.status === 401 || risposta.status === 403 || risposta.status === 404) {
          return null; // the session ended or the case is gone: the advice to reload stays
        }
        return risposta.ok ? risposta.text() : "";
      }).then(function (testo) {
        if (testo === null) { return; }
        var modello = document.createElement("template");
        modello.innerHTML = testo || "";
        var nuova = modello.content.firstElementChild;
        if (!nuova || nuova.id !== parte.id) {
          prossima();
          return;
        }
        if (nuova.hasAttribute("data-aggiorna")) {
          // Still on its way (deliveries waiting for receipts): shown when it changed.
          conJavaScript(nuova);
          if (nuova.innerHTML === parte.innerHTML) {
            prossima();
            return;
          }
          sostituisci(parte, nuova);
          segui(nuova);
          return;
        }
        sostituisci(parte, nuova);
      }).catch(prossima);
    }

    prossima();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch || !("content" in document.createElement("template"))) { return; }
    document.querySelectorAll("[data-aggiorna]").forEach(segui);
  });
})();

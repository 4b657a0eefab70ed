/*
 * Parcelle: small progressive enhancements of the pages. Everything works without this file;
 * it only saves clicks and mistakes. No inline handlers anywhere, so a strict CSP holds.
 *  - a form marked data-invia-una-volta is sent once: a second click or Enter does nothing
 *    (the server also makes a second deposit harmless);
 *  - the error summary takes the focus, so screen readers read it and keyboards start there;
 *  - the client's name fields follow the "persona fisica / giuridica" choice;
 *  - leaving a step by its indicator saves what was typed (the form goes with "vai");
 *  - the secretariat's scan field keeps the focus: at load (unless an error summary needs it),
 *    coming back to the page or the window, after a click on nothing focusable, and when a
 *    scanner gun starts typing while another control (a link, a button) has the focus;
 *  - the councillor's decision form warns, while an amount is typed, when it leaves the
 *    DM 147/2022 range shown beside it (the server warns again after sending);
 *  - a page that answers a form with another page's content (the case opened by a scan) names
 *    that page as canonical: the address bar shows it, so a reload asks for it again;
 *  - an amount typed outside the DM 147/2022 range shown beside it says so at once (the page
 *    says it too once saved);
 *  - an attachment refuses at once, before sending, a file larger than the limit shown or no
 *    file at all (the server refuses them again, and says so on the step's own page).
 */
(function () {
  "use strict";

  // "1.701,00", "1701,00", "1701.00", "2.905": the formats the server reads (web/formato.py).
  function leggiImporto(testo) {
    var pulito = testo.replace(/[\s€]/g, "");
    if (!pulito) { return null; }
    if (pulito.indexOf(",") >= 0) {
      pulito = pulito.replace(/\./g, "").replace(",", ".");
    } else if (/^\d{1,3}(\.\d{3})+$/.test(pulito)) {
      pulito = pulito.replace(/\./g, "");
    }
    var valore = Number(pulito);
    return isFinite(valore) ? valore : null;
  }

  function parametri(riga) {
    var campo = document.getElementById(riga.dataset.campo);
    var avviso = riga.querySelector("[data-avviso]");
    if (!campo || !avviso) { return; }
    var minimo = Number(riga.dataset.minimo);
    var massimo = Number(riga.dataset.massimo);
    function controlla() {
      var valore = leggiImporto(campo.value);
      avviso.hidden = valore === null || (valore >= minimo && valore <= massimo);
    }
    campo.addEventListener("input", controlla);
  }

  function inviaUnaVolta(form) {
    form.addEventListener("submit", function (evento) {
      if (form.dataset.inviato === "1") {
        evento.preventDefault();
        return;
      }
      form.dataset.inviato = "1";
      form.querySelectorAll("[data-invia-una-volta]").forEach(function (pulsante) {
        pulsante.setAttribute("aria-disabled", "true");
        pulsante.classList.add("disabled");
        if (pulsante.dataset.testoInvio) {
          pulsante.textContent = pulsante.dataset.testoInvio;
        }
      });
      // The page stays usable if the user comes back to it (bfcache).
      window.addEventListener("pageshow", function () {
        form.dataset.inviato = "";
      }, { once: true });
    });
  }

  function sceltaTipoCliente(form) {
    var radios = form.querySelectorAll('input[name="cliente.tipo"]');
    if (!radios.length) {
      return;
    }
    function aggiorna() {
      var scelto = form.querySelector('input[name="cliente.tipo"]:checked');
      form.querySelectorAll("[data-per-tipo]").forEach(function (gruppo) {
        gruppo.hidden = scelto !== null && gruppo.dataset.perTipo !== scelto.value;
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", aggiorna);
    });
    aggiorna();
  }

  function salvaPrimaDiCambiarePasso(form) {
    var modificato = false;
    form.addEventListener("input", function () {
      modificato = true;
    });
    form.addEventListener("change", function () {
      modificato = true;
    });
    document.querySelectorAll(".parcelle-passi a[data-passo]").forEach(function (link) {
      link.addEventListener("click", function (evento) {
        if (!modificato || link.getAttribute("aria-current") === "step") {
          return;
        }
        evento.preventDefault();
        var vai = document.createElement("input");
        vai.type = "hidden";
        vai.name = "vai";
        vai.value = link.dataset.passo;
        form.appendChild(vai);
        var salva = form.querySelector('button[value="salva"]');
        if (form.requestSubmit) {
          form.requestSubmit(salva || undefined);
        } else {
          form.submit();
        }
      });
    });
  }

  function collegamentiAiCampi(riepilogo) {
    // A link of the summary puts the focus in the field and shows its label too.
    riepilogo.querySelectorAll('a[href^="#"]').forEach(function (link) {
      link.addEventListener("click", function (evento) {
        var campo = document.getElementById(link.getAttribute("href").slice(1));
        if (!campo) {
          return;
        }
        evento.preventDefault();
        var etichetta = document.querySelector('label[for="' + campo.id + '"]');
        var gruppo = campo.closest("fieldset");
        (gruppo || etichetta || campo).scrollIntoView({ block: "start" });
        campo.focus({ preventScroll: true });
      });
    });
  }

  function modificabile(elemento) {
    if (!elemento || elemento === document.body) {
      return false;
    }
    if (elemento.isContentEditable || elemento.tagName === "TEXTAREA" || elemento.tagName === "SELECT") {
      return true;
    }
    var nonTesto = ["checkbox", "radio", "submit", "button", "reset", "file", "hidden", "image"];
    return elemento.tagName === "INPUT" && nonTesto.indexOf(elemento.type) === -1;
  }

  function campoDiScansione(campo, riepilogo) {
    function riprendi() {
      if (!modificabile(document.activeElement) && document.activeElement !== riepilogo) {
        campo.focus({ preventScroll: true });
      }
    }
    if (!riepilogo) {
      campo.focus();
    }
    // A code is letters, digits and dashes: typed with no focus on a field, it goes to the scan
    // field (focus moved in keydown: the character lands there). Space and Enter keep their
    // meaning on buttons, links and check boxes.
    document.addEventListener("keydown", function (evento) {
      if (evento.ctrlKey || evento.metaKey || evento.altKey || modificabile(evento.target)) {
        return;
      }
      if (evento.key && evento.key.length === 1 && /[0-9A-Za-z-]/.test(evento.key)) {
        campo.focus({ preventScroll: true });
      }
    }, true);
    campo.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (document.activeElement === document.body || document.activeElement === null) {
          riprendi();
        }
      }, 0);
    });
    window.addEventListener("focus", function () {
      if (document.activeElement === document.body) {
        riprendi();
      }
    });
    window.addEventListener("pageshow", function (evento) {
      if (evento.persisted) {
        campo.value = "";
        campo.focus();
      }
    });
  }

  function indirizzoCanonico() {
    var canonico = document.querySelector('link[rel="canonical"]');
    if (!canonico || !window.history.replaceState) {
      return;
    }
    var indirizzo = new URL(canonico.href, window.location.href);
    if (indirizzo.origin === window.location.origin && indirizzo.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", indirizzo.href);
    }
  }

  // "1.701,00", "1701,00", "1701.00", "€ 1.701" -> 1701; NaN when it is not an amount.
  function leggiImporto(testo) {
    var pulito = testo.replace(/[\s\u00a0€]/g, "");
    if (pulito.indexOf(",") >= 0) {
      pulito = pulito.replace(/\./g, "").replace(",", ".");
    } else if (/^\d{1,3}(\.\d{3})+$/.test(pulito)) {
      pulito = pulito.replace(/\./g, "");
    }
    return /^\d+(\.\d+)?$/.test(pulito) ? parseFloat(pulito) : NaN;
  }

  function avvisoParametri(contenitore) {
    var campo = contenitore.querySelector("input");
    var avviso = contenitore.querySelector("[data-avviso-parametri]");
    var minimo = parseFloat(contenitore.dataset.minimo);
    var massimo = parseFloat(contenitore.dataset.massimo);
    if (!campo || !avviso) {
      return;
    }
    campo.addEventListener("input", function () {
      var importo = leggiImporto(campo.value);
      avviso.hidden = isNaN(importo) || (importo >= minimo && importo <= massimo);
    });
  }

  function mb(byte) {
    return (byte / 1048576).toLocaleString("it-IT", { maximumFractionDigits: 1 });
  }

  function caricaAllegato(form) {
    var campo = form.querySelector('input[type="file"][data-massimo-byte]');
    var avviso = form.querySelector("[data-avviso-file]");
    if (!campo || !avviso) { return; }
    var massimo = Number(campo.dataset.massimoByte);
    function problema() {
      var file = campo.files && campo.files[0];
      if (!file) { return "Scegli il file da allegare."; }
      if (file.size === 0) { return "Il file è vuoto: scegli un altro file."; }
      if (file.size > massimo) {
        return "Il file pesa " + mb(file.size) + " MB: al massimo " + campo.dataset.massimoMb +
          " MB. Scegli un file più leggero.";
      }
      return "";
    }
    function mostra(testo) {
      avviso.textContent = testo;
      avviso.hidden = !testo;
      campo.classList.toggle("is-invalid", Boolean(testo));
      if (testo) {
        campo.setAttribute("aria-invalid", "true");
        var descritto = (campo.getAttribute("aria-describedby") || "").split(" ");
        if (descritto.indexOf(avviso.id) < 0) { descritto.push(avviso.id); }
        campo.setAttribute("aria-describedby", descritto.join(" ").trim());
      } else {
        campo.removeAttribute("aria-invalid");
      }
    }
    campo.addEventListener("change", function () { mostra(problema()); });
    form.addEventListener("submit", function (evento) {
      var testo = problema();
      if (testo) {
        evento.preventDefault();
        evento.stopImmediatePropagation();
        mostra(testo);
        campo.focus();
      }
    }, true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    indirizzoCanonico();
    document.querySelectorAll("form[data-carica-allegato]").forEach(caricaAllegato);
    var riepilogo = document.getElementById("riepilogo-errori");
    var scansione = document.querySelector("form[data-scansione] input[name=codice]");
    if (scansione) {
      campoDiScansione(scansione, riepilogo);
    }
    if (riepilogo) {
      riepilogo.focus();
      collegamentiAiCampi(riepilogo);
    }
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-invia-una-volta]")) {
        inviaUnaVolta(form);
      }
    });
    document.querySelectorAll("[data-parametri]").forEach(avvisoParametri);
    document.querySelectorAll("form[data-modulo-passo]").forEach(function (form) {
      sceltaTipoCliente(form);
      salvaPrimaDiCambiarePasso(form);
    });
    document.querySelectorAll("[data-parametri]").forEach(parametri);
  });
})();

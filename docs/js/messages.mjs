// Every text the calculators' browser code shows or announces to the reader (the
// worker client's start-up reasons excepted: worker-client.mjs). Norwegian bokmål.

const quoteList = (labels) => labels.map((l) => `«${l}»`).join(", ");

export const TEXT = {
  loading: "Kalkulatoren starter … Resultatet under er regnet ut på forhånd for eksempelverdiene; det oppdateres når kalkulatoren er klar.",
  failed: (reason) =>
    `Kalkulatoren kunne ikke starte i nettleseren. ${reason} Resultatet som vises, gjelder bare eksempelverdiene i skjemaet slik det var fra starten. Veiledningen på siden gjelder fortsatt.`,
  errors: (n) => (n === 1 ? "Skjemaet har 1 feil. Rett feilen for å få et nytt resultat." : `Skjemaet har ${n} feil. Rett feilene for å få et nytt resultat.`),
  stale: "Resultatet under gjelder ikke det du har skrevet nå. Rett feilene i skjemaet.",
  callFailed: "Resultatet under gjelder ikke det du har skrevet nå: kalkulatoren klarte ikke å regne ut dette. Prøv igjen, eller kontroller feltene.",
  notStarted: "Resultatet under gjelder ikke det du har skrevet nå: kalkulatoren kunne ikke starte i nettleseren.",
  badLink: "Lenken du åpnet, inneholdt ugyldige inndata og ble ikke brukt.",
  badStorage: "Lagrede inndata var ødelagt og ble ikke brukt.",
  storageFailed: "Nettleseren lar ikke kalkulatoren lagre det du skriver, så det blir ikke med hvis du laster siden på nytt. Kalkulatoren virker ellers som vanlig.",
  copied: "Lenken er kopiert. Du kan også markere og kopiere den fra feltet.",
  shareReady: "Lenken står i feltet under. Kopier den og send den videre.",
  rowLine: (label, n, parts) => `${label} ${n}${parts.length ? `: ${parts.join(", ")}` : ""}`,
  shareTooLong: "Det du har skrevet, er for langt til å deles som lenke. Gjør teksten i feltene kortere, eller fjern noen rader, og prøv igjen.",
  rowAdded: (n) => `Rad ${n} er lagt til.`,
  rowRemoved: (n) => `Rad ${n} er fjernet.`,
  rowsFull: (max) => `Skjemaet tar høyst ${max} rader. Fjern en rad for å legge til en ny.`,
  pasted: ({ rows, cut, extra, errors, others = [], replaced = false }, max) =>
    [
      rows === 1 ? "1 rad er limt inn." : `${rows} rader er limt inn.`,
      replaced ? "Eksempelradene er fjernet." : "",
      others.length ? `${others.length === 1 ? "1 rad" : `${others.length} rader`} fra før står igjen; knappen under radene fjerner dem.` : "",
      cut ? `Skjemaet tar høyst ${max} rader, så ${cut === 1 ? "1 rad" : `${cut} rader`} ble ikke limt inn.` : "",
      extra ? `${extra === 1 ? "1 celle" : `${extra} celler`} til høyre for tabellens siste kolonne ble ikke brukt.` : "",
      errors.length ? `${errors.length === 1 ? "1 celle" : `${errors.length} celler`} passet ikke med noe valg; se feilene i skjemaet.` : "",
    ].filter(Boolean).join(" "),
  remains: (numbers) => {
    const n = numbers.length;
    const spans = [];
    for (const k of numbers) {
      const last = spans[spans.length - 1];
      if (last && k === last[1] + 1) last[1] = k;
      else spans.push([k, k]);
    }
    const parts = spans.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
    const which = n === 1 ? `rad ${numbers[0]}` : `radene ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} og ${parts[parts.length - 1]}`}`;
    return `${n === 1 ? "1 rad" : `${n} rader`} fra før står igjen (${which}) og er med i utregningen.`;
  },
  removeRemains: (n) => (n === 1 ? "Fjern raden fra før" : `Fjern de ${n} radene fra før`),
  remainsRemoved: (n) => (n === 1 ? "1 rad fra før er fjernet." : `${n} rader fra før er fjernet.`),
  pasteNoOption: (text, label, options) => `«${label}»: «${text}» er ikke et av valgene. Velg en av: ${options.join(", ")}.`,
  csvDone: "CSV-filen er lastet ned.",
  csvFailed: "CSV-filen kunne ikke lages. Prøv igjen.",
  xlsxDone: "Excel-filen er lastet ned.",
  xlsxFailed: "Excel-filen kunne ikke lages. Prøv igjen.",
  reset: "Start på nytt",
  resetDone: "Skjemaet er tilbakestilt til eksempelverdiene. Det du hadde skrevet, er slettet fra denne nettleseren.",
  savingOn: "Det du skriver, lagres nå i denne nettleseren til du sletter det.",
  savingOff: "Det du skriver, lagres ikke lenger, og det som var lagret, er slettet. Nettleseren husker bare at du har slått av lagringen.",
  savingNotKept: "Det som var lagret, er slettet, men nettleseren lar ikke valget ditt bli husket til neste besøk.",
  addedFields: (labels) =>
    `Inndataene ble lagret eller delt før skjemaet fikk ${labels.length === 1 ? "feltet" : "feltene"} ${quoteList(labels)}. Sjekk ${labels.length === 1 ? "det" : "dem"} før du bruker resultatet.`,
  addedField: "Nytt felt siden inndataene ble lagret: sjekk verdien.",
  addedFieldMigrated: "Nytt felt siden inndataene ble lagret: det har fått samme verdi som det gamle, felles avkrysningsfeltet. Sjekk verdien.",
  fieldErrorPrefix: "Feil: ",
  planBOpened: "Oppsett B er lagt til under oppsett A, som en kopi. Endre det du vil sammenligne.",
  planBRemoved: "Oppsett B er fjernet.",
  noHandover:
    "Fant ikke noe lisensbudsjett i denne nettleseren. Regn ut budsjettet på siden «Lisensbudsjett for årsmøtet» først (inndataene må være lagret), eller skriv inn tallene selv.",
  handoverFilled: (labels) => `Hentet fra lisensbudsjettet: ${quoteList(labels)}. Kontroller tallene.`,
  letterCopied: "Teksten i brevet er kopiert. Lim den inn i en e-post eller et dokument.",
  letterCopyFailed: "Nettleseren lot ikke kalkulatoren kopiere teksten. Marker teksten i brevet og kopier den selv.",
  fieldWarning: (message) => `Obs: ${message}`,
  otherRates:
    "Inndataene ble lagret eller delt da kalkulatoren brukte andre satser enn nå. Resultatet er regnet med satsene som gjelder nå; se «Slik er det regnet ut».",
};

// The query page of kg serve: YASGUI on this endpoint, the canned queries as buttons (a file, so that the
// page's Content-Security-Policy allows scripts from this server only).
const config = JSON.parse(document.getElementById("newskg-config").textContent);
const Yasgui = window.Yasgui.default || window.Yasgui;
const endpoint = new URL("/sparql", window.location.href).href;
Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];  // nothing fetched from elsewhere
Yasgui.Yasr.defaults.prefixes = config.prefixes;
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: endpoint, method: "POST" },
  copyEndpointOnNewTab: false,
  persistenceId: null,
  endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
  yasqe: { value: config.example },
  yasr: { defaultPlugin: "table", prefixes: config.prefixes },
});
// an actor's IRI in the results opens its page here (label, names, statements with their evidence)
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (link && link.href.startsWith(config.prefixes.nkga)) {
    event.preventDefault();
    event.stopPropagation();
    window.location.href = "/actor/" + link.href.slice(config.prefixes.nkga.length);
  }
}, true);
const examples = document.getElementById("examples");
for (const canned of config.queries) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = canned.name;
  button.title = canned.description;
  button.addEventListener("click", () => {
    const yasqe = yasgui.getTab().getYasqe();
    yasqe.setValue(canned.text);
    yasqe.query();
  });
  examples.appendChild(button);
}

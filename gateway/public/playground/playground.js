// Starts GraphiQL on the page the gateway serves at /graphql in development. Everything it
// needs came from the gateway (React, ReactDOM and GraphiQL are globals of their UMD builds);
// the settings are the JSON the page carries.
/* global document, window, React, ReactDOM, GraphiQL */
(function startPlayground() {
  'use strict';
  const settings = JSON.parse(document.getElementById('playground-settings').textContent);

  // Same-origin requests carry the session cookie, as the storefront's do across origins.
  const sameOriginFetch = (url, init) => window.fetch(url, Object.assign({}, init, { credentials: 'same-origin' }));
  const graphiqlFetcher = GraphiQL.createFetcher({ url: settings.endpoint, fetch: sameOriginFetch, enableIncrementalDelivery: false });
  // On a switch of tabs GraphiQL may send the previous tab's operation name, which the new
  // tab's document lacks: a document naming one operation runs that one, a document of
  // anonymous ones runs with no name.
  const OPERATION = /^[ \t]*(?:query|mutation|subscription)[ \t]+([_A-Za-z][_0-9A-Za-z]*)/gm;
  const fetcher = (params, options) => {
    const names = Array.from(String(params.query || '').matchAll(OPERATION), (match) => match[1]);
    let operationName = params.operationName;
    if (!names.includes(operationName) && names.length <= 1) operationName = names[0];
    return graphiqlFetcher(Object.assign({}, params, { operationName }), options);
  };

  // One tab per client operation; the first (Browse) opens, the others are a click away.
  const defaultTabs = settings.examples.map((example) => ({ query: example.query, variables: example.variables }));

  const storage = GraphiQL.createLocalStorage({ namespace: settings.storageNamespace });
  // GraphiQL fills the first tab's editor from its `variables` prop, not from the tab; given
  // on a first visit only, as afterwards it restores its own tabs and editors.
  const firstVisit = storage.getItem('tabState') === null;

  ReactDOM.createRoot(document.getElementById('playground')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs,
      ...(firstVisit && defaultTabs.length > 0 ? { variables: defaultTabs[0].variables } : {}),
      storage,
      defaultEditorToolsVisibility: 'variables',
    }),
  );
})();

/**
 * The Debian mirror apt already uses for `suite`, read from the texts of
 * /etc/apt/sources.list and /etc/apt/sources.list.d/* (one-line and deb822 formats alike):
 * debootstrap fetches from there, so the stand-in images need no other source. Undefined when
 * no `deb` source names the suite itself (bookworm-updates or -security do not count).
 */
export function aptMirrorFor(sourceTexts: readonly string[], suite = 'bookworm'): string | undefined {
  for (const text of sourceTexts) {
    for (const source of parseSources(text)) {
      if (source.types.includes('deb') && source.suites.includes(suite) && source.components.includes('main')) return source.uris[0];
    }
  }
  return undefined;
}

interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
}

function parseSources(text: string): AptSource[] {
  // A comment line is dropped, not blanked: a blank line ends a deb822 stanza.
  const lines = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .map((line) => line.replace(/#.*$/, '').trimEnd());
  const sources: AptSource[] = [];
  // One-line format: deb [options] uri suite component...
  for (const line of lines) {
    const match = /^(deb|deb-src)\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line.trim());
    if (match) sources.push({ types: [match[1]!], uris: [match[2]!], suites: [match[3]!], components: match[4]!.split(/\s+/).filter(Boolean) });
  }
  // deb822 format: stanzas of Field: value, separated by blank lines.
  for (const stanza of lines.join('\n').split(/\n\s*\n/)) {
    const fields = new Map<string, string[]>();
    for (const line of stanza.split('\n')) {
      const field = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (field) fields.set(field[1]!.toLowerCase(), field[2]!.split(/\s+/).filter(Boolean));
    }
    if (fields.has('uris') && fields.has('suites')) {
      sources.push({ types: fields.get('types') ?? [], uris: fields.get('uris')!, suites: fields.get('suites')!, components: fields.get('components') ?? [] });
    }
  }
  return sources;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalMailbox, ReceivedMail } from './local-mailbox.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

/** The text part, escaped, with its links made clickable. */
function body(mail: ReceivedMail): string {
  return escape(mail.text).replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);
}

function page(messages: ReceivedMail[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (mail) => `<article>
  <h2>${escape(mail.subject)}</h2>
  <p class="meta">to ${escape(mail.to.join(', '))} · ${mail.receivedAt.toISOString()}</p>
  <pre>${body(mail)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shopgraph mailbox</title>
<meta http-equiv="refresh" content="5">
<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}.meta{color:#666;font-size:small}pre{white-space:pre-wrap}</style>
</head><body>
<h1>shopgraph mailbox</h1>
<p>The emails identity sent on this machine, newest first (the last 100; the page reloads every 5 s). Nothing leaves the machine.</p>
${items || '<p>No email yet. Sign up, or ask for a password reset, in the storefront.</p>'}
</body></html>`;
}

/** A page on 127.0.0.1 that lists the local mailbox's messages, for a developer to click a link. */
export async function startMailboxPage(mailbox: LocalMailbox, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (request.url === '/messages.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(mailbox.messages()));
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" })
      .end(page(mailbox.messages()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A webhook receiver's check, with the libraries receivers use: Standard Webhooks' verify and the CloudEvents
// SDK's HTTP parser. Reads {secret, headers, body} on stdin; prints the event, or fails.
const { Webhook } = require('standardwebhooks');
const { HTTP } = require('cloudevents');

let input = '';
process.stdin.on('data', chunk => { input += chunk; }).on('end', () => {
  const { secret, headers, body } = JSON.parse(input);
  new Webhook(secret).verify(body, headers); // throws on a bad or stale signature
  const event = HTTP.toEvent({ headers, body });
  console.log(JSON.stringify({ specversion: event.specversion, id: event.id, source: event.source, type: event.type,
    subject: event.subject, time: event.time, state: event.data.state }));
});

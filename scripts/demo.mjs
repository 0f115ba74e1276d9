// `npm run demo`: the full pipe tap-kustomer | target-synapse into the local stand-ins.
// The tap and the target are not built yet, so the demo says so instead of pretending.
process.stderr.write(
  'demo: not yet. It will run tap-kustomer against kustomer-sim and pipe into target-synapse loading\n' +
    'synapse-sim through Azurite, once those packages land. Run `npm test` to exercise what exists today.\n',
);

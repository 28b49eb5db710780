// contract-kit/cli: what every vendor's command line shares: option parsing that names the
// mistake, --help/--version, ports, and a serve loop that stops on a signal.
export * from "./program.js";

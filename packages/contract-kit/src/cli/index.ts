// contract-kit/cli: what every vendor's command line shares: option parsing that names the
// mistake, --help/--version, ports, a serve loop that stops on a signal, and the verify command.
export * from "./flags.js";
export * from "./program.js";
export * from "./verify-command.js";

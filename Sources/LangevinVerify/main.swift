// Entry point of `langevin-verify`: everything that every subcommand shares (signals, exit statuses, one-line
// messages, repeated options, checked standard output) is in `ToolMain`.
ToolMain.run(Array(CommandLine.arguments.dropFirst()))

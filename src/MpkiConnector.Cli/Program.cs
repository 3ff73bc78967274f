// Placeholder until the CLI lands (issue 4): prints the commands it will have.
Console.Error.WriteLine("mpki: the command-line tool is being built; see README.md.");
return 2;

// Placeholder until the emulator lands (issue 3).
Console.Error.WriteLine("The SCM emulator is being built; see README.md.");
return 2;

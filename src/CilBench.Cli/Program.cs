Console.WriteLine("cilbench");

namespace CilBench.Reports.Exporters;

/// <summary>Protocol, method and budget names as file-name parts: anything but letters, digits, '.', '-' and '_' becomes '_'.</summary>
internal static class FileNames
{
    public static string Part(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}

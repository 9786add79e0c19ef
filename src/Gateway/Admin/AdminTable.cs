namespace Gateway.Admin;

/// <summary>Plain aligned columns, readable in a terminal and easy to cut or grep.</summary>
internal static class AdminTable
{
    public static async Task WriteAsync(TextWriter output, string[] headers, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }
}

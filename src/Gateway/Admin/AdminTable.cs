using System.Globalization;
using System.Text;

namespace Gateway.Admin;

/// <summary>Plain aligned columns, readable in a terminal and easy to cut or grep.</summary>
internal static class AdminTable
{
    public static async Task WriteAsync(TextWriter output, string[] headers, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { headers };
        all.AddRange(rows.Select(row => row.Select(Printable).ToArray()));
        var widths = headers.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>
    /// Cells hold what clients sent (a User-Agent, a user name as typed): a control character would reach the admin's
    /// terminal as an escape sequence (retitle, clear, rewrite the screen). Each one is shown as <c>\xNN</c>.
    /// </summary>
    public static string Printable(string cell)
    {
        if (!cell.Any(char.IsControl))
        {
            return cell;
        }

        var printable = new StringBuilder(cell.Length + 8);
        foreach (var c in cell)
        {
            if (char.IsControl(c))
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }
}

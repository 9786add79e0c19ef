using ScottPlot;

namespace Bench.Runner;

/// <summary>Two bar panels side by side: requests/s and p99 latency per target.</summary>
internal static class Chart
{
    public static void Write(string path, IReadOnlyList<(string Target, double RequestsPerSecond, double P99Ms)> rows)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Panel(multiplot.GetPlot(0), rows, row => row.RequestsPerSecond, "Requests per second (higher is better)");
        Panel(multiplot.GetPlot(1), rows, row => row.P99Ms, "p99 latency, ms (lower is better)");
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1400, 520);
    }

    private static void Panel(Plot plot, IReadOnlyList<(string Target, double RequestsPerSecond, double P99Ms)> rows,
        Func<(string Target, double RequestsPerSecond, double P99Ms), double> value, string title)
    {
        var bars = rows.Select((row, index) => new Bar { Position = index, Value = value(row), FillColor = Colors.Category10[index] }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(row => row.Target.Replace(", ", "\n", StringComparison.Ordinal)).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
    }
}

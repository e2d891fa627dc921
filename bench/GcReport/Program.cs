using Microsoft.Diagnostics.Tracing.Etlx;

// What the portal allocates and what each GC cost, from an EventPipe trace of the runtime's GC events with stacks:
//   dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:12 -o gc.nettrace
//   dotnet run --project bench/GcReport -c Release -- gc.nettrace
// Prints the sampled allocations (GCAllocationTick: one sample per ~100 KB) grouped by the first frame in the portal's
// code and by type, then every GC: generation, pause (suspension to restart), bytes promoted, generation sizes.
if (args is not [var path]) { Console.Error.WriteLine("usage: GcReport TRACE.nettrace"); return 2; }
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(path));
var source = log.Events.GetSource();
var byFrame = new Dictionary<string, double>();
var byType = new Dictionary<string, double>();
double total = 0, suspendedAt = 0;
var generation = -1;
var heap = "";
var gcs = new List<string>();
var pauses = 0.0;
source.Clr.GCAllocationTick += e =>
{
    total += e.AllocationAmount64;
    byType[e.TypeName] = byType.GetValueOrDefault(e.TypeName) + e.AllocationAmount64;
    string? first = null, fallback = null;
    var depth = 0;
    for (var frame = e.CallStack(); frame is not null && first is null; frame = frame.Caller, depth++)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (depth == 2) fallback = name;
        if (name.Contains("StreamPortal", StringComparison.Ordinal)) first = name;
    }
    first ??= "(no portal frame) " + fallback;
    byFrame[first] = byFrame.GetValueOrDefault(first) + e.AllocationAmount64;
};
source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
source.Clr.GCStart += e => generation = e.Depth;
source.Clr.GCHeapStats += e => heap = $"promoted {e.TotalPromotedSize0 / 1024} KB from gen0, {e.TotalPromotedSize1 / 1024} KB from gen1; " +
    $"gen1 {e.GenerationSize1 / 1024} KB, gen2 {e.GenerationSize2 / 1048576} MB, LOH {e.GenerationSize3 / 1048576} MB";
source.Clr.GCRestartEEStop += e =>
{
    if (suspendedAt == 0) return;
    var pause = e.TimeStampRelativeMSec - suspendedAt;
    pauses += pause;
    gcs.Add($"{e.TimeStampRelativeMSec,9:F0} ms  gen{generation}  pause {pause,6:F2} ms  {heap}");
    suspendedAt = 0;
};
source.Process();
Console.WriteLine($"allocated (sampled): {total / 1e6:F1} MB");
Console.WriteLine("by first frame in the portal's code:");
foreach (var (frame, bytes) in byFrame.OrderByDescending(p => p.Value).Take(30)) Console.WriteLine($"{bytes / total * 100,6:F1} %  {frame}");
Console.WriteLine("by type:");
foreach (var (type, bytes) in byType.OrderByDescending(p => p.Value).Take(20)) Console.WriteLine($"{bytes / total * 100,6:F1} %  {type}");
Console.WriteLine($"collections: {gcs.Count}, paused {pauses:F1} ms in all");
foreach (var gc in gcs) Console.WriteLine(gc);
return 0;

using System.Runtime.InteropServices;

namespace Registry.Api.Infrastructure;

/// <summary>Hands the C library's free memory back to the system every few seconds (glibc's <c>malloc_trim</c>).
/// What the process allocates outside the GC heap (the JIT's working memory, compression, TLS) is freed into glibc's
/// arenas, which give back only an arena's top on their own: through the load-test plan the memory outside the GC heap
/// stayed about 10 MB higher without this (README "Memory").</summary>
public static class NativeHeap
{
    static readonly TimeSpan TrimEvery = TimeSpan.FromSeconds(5);

    public static void AddNativeHeapTrimming(this WebApplicationBuilder builder)
    {
        if (OperatingSystem.IsLinux()) builder.Services.AddHostedService<NativeHeapTrimmer>();
    }

    /// <summary>Returns the C library's free pages to the system; false where it has no malloc_trim (musl).</summary>
    public static bool TryTrim()
    {
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    public sealed class NativeHeapTrimmer(ILogger<NativeHeapTrimmer> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TrimEvery);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    if (TryTrim()) continue;
                    logger.LogInformation("The C library has no malloc_trim; its free memory stays with it");
                    return;
                }
            }
            catch (OperationCanceledException) { }
        }
    }
}

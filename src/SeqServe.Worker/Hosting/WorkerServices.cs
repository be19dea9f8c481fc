using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Runtime;
using SeqServe.Core.Tasks;
using SeqServe.Worker.Jobs;
using SeqServe.Worker.Storage;

namespace SeqServe.Worker.Hosting;

public static class WorkerServices
{
    /// <summary>
    /// The job store, the checkpoint store, dataset packages, recipes and — when Worker:Enabled — the
    /// Quartz scheduler that runs training jobs in this process. Used by the API host (embedded worker,
    /// the default) and by the stand-alone worker host.
    /// </summary>
    public static IServiceCollection AddSeqServeJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSeqServeTraining(configuration);
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // Everything reads options lazily, so hosts and tests can override configuration late.
        services.AddDbContextFactory<SeqServeDb>((sp, o) =>
            o.UseSqlite(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<RunWriter>();
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<JobQueue>();
        services.AddTransient<TrainingJob>();
        services.AddHostedService<DatabaseStartup>();
        // Quartz's persistent store on the same database; Quartz provisions its own QRTZ_* tables.
        services.AddQuartz(q => q.UsePersistentStore(s =>
        {
            s.UseSqlite("Data Source=configured-below.db");
            s.UseSystemTextJsonSerializer();
            s.ProvisionSchema();
        }));
        services.AddSingleton<IPostConfigureOptions<DataSourceOptions>>(sp =>
            new PostConfigureOptions<DataSourceOptions, IOptions<StorageOptions>>(null,
                sp.GetRequiredService<IOptions<StorageOptions>>(), (o, storage) => o.ConnectionString = storage.Value.ConnectionString));
        services.AddOptions<QuartzSchedulerOptions>().PostConfigure<IOptions<StorageOptions>, IOptions<WorkerOptions>>((o, storage, worker) =>
        {
            o.InstanceName = SchedulerName(storage.Value.DatabaseFile);
            o.InstanceId = "NON_CLUSTERED";
            o.IdleWaitTime = TimeSpan.FromSeconds(worker.Value.PollSeconds);
            o.ShutdownJobInterruption = ShutdownJobInterruption.Always;
        });
        services.AddOptions<ThreadPoolOptions>().PostConfigure<IOptions<WorkerOptions>>((o, worker) =>
            o.MaxConcurrency = worker.Value.MaxConcurrentJobs);
        services.AddHostedService<SchedulerHost>();
        services.AddHostedService<WorkerStartup>();
        return services;
    }

    /// <summary>What training needs without the job store: options, checkpoint store, dataset packages, recipes.</summary>
    public static IServiceCollection AddSeqServeTraining(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RuntimeSettings>().Bind(configuration.GetSection("Runtime"))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => new CheckpointStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ModelsDir));
        services.AddSingleton(sp => new PackageCache(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataCacheDir,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<PackageCache>()));
        services.AddSingleton(new RecipeCatalog(BuiltInRecipes.All()));
        services.AddSingleton<TrainingRunner>();

        return services;
    }

    /// <summary>One scheduler name per database: stable across restarts (recovery), unique per store in a process.</summary>
    private static string SchedulerName(string databaseFile) =>
        "seqserve-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(databaseFile)))[..12];
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Runtime;
using SeqServe.Core.Tasks;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs.Hosting;

public static class JobStoreServices
{
    /// <summary>
    /// The job store (runs table + Quartz's persistent store on SQLite or PostgreSQL, schema by
    /// migrations at start-up), the checkpoint store, dataset packages and recipes; on a node whose role
    /// trains, the Quartz scheduler that runs training jobs in this process. Used by every role.
    /// </summary>
    public static IServiceCollection AddSeqServeJobs(this IServiceCollection services, IConfiguration configuration, HostingOptions hosting)
    {
        services.AddSeqServeTraining(configuration);
        services.AddSingleton(Options.Create(hosting));
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobsDbFactory>();
        services.AddSingleton<RunWriter>();
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IJobStore>(sp => sp.GetRequiredService<JobQueue>());
        services.AddTransient<TrainingJob>();
        services.AddSingleton<ChildRunner>();
        services.AddHostedService<JobStoreStartup>(); // first: the schema exists before Quartz looks at it

        // The provider decides the Quartz store at composition time; the connection string and the
        // names are read from options, so hosts and tests can still set them late.
        var provider = configuration.GetSection(StorageOptions.Section).GetValue(nameof(StorageOptions.Provider), StorageProvider.Sqlite);
        services.AddQuartz(q => q.UsePersistentStore(s =>
        {
            if (provider == StorageProvider.Postgres)
            {
                s.UsePostgres("Host=configured-below");
                s.UseClustering();
            }
            else s.UseSqlite("Data Source=configured-below.db");
            s.UseSystemTextJsonSerializer();
            s.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate); // the migrations create it
        }));
        services.AddSingleton<IPostConfigureOptions<DataSourceOptions>>(sp =>
            new PostConfigureOptions<DataSourceOptions, IOptions<StorageOptions>>(null,
                sp.GetRequiredService<IOptions<StorageOptions>>(), (o, storage) => o.ConnectionString = storage.Value.ConnectionString));
        services.AddOptions<ClusteringOptions>().PostConfigure<IOptions<WorkerOptions>>((o, worker) =>
        {
            o.CheckinInterval = TimeSpan.FromSeconds(worker.Value.CheckinSeconds);
            o.CheckinMisfireThreshold = TimeSpan.FromSeconds(worker.Value.CheckinMisfireSeconds);
        });
        services.AddOptions<QuartzSchedulerOptions>().PostConfigure<IOptions<StorageOptions>, IOptions<WorkerOptions>>((o, storage, worker) =>
        {
            o.InstanceName = SchedulerName(storage.Value, worker.Value);
            if (storage.Value.Provider == StorageProvider.Sqlite) o.InstanceId = "NON_CLUSTERED";
            o.IdleWaitTime = TimeSpan.FromSeconds(worker.Value.PollSeconds);
            o.ShutdownJobInterruption = ShutdownJobInterruption.Always;
        });
        services.AddOptions<ThreadPoolOptions>().PostConfigure<IOptions<WorkerOptions>>((o, worker) =>
            o.MaxConcurrency = worker.Value.MaxConcurrentJobs);
        services.AddHostedService<SchedulerHost>();
        services.AddHostedService<WorkerStartup>();
        services.AddHostedService<StoreSweeper>();
        return services;
    }

    /// <summary>What training needs without the job store: options, checkpoint store, dataset packages, recipes.</summary>
    public static IServiceCollection AddSeqServeTraining(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o => o.PostgresConnectionString ??= configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RuntimeSettings>().Bind(configuration.GetSection("Runtime"))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new CheckpointStore(storage.ModelsDir, storage.ShippedModelsDir);
        });
        services.AddSingleton(sp => new PackageCache(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataCacheDir,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<PackageCache>()));
        foreach (var task in BuiltInTasks.All) services.AddSeqServeTask(task);
        services.AddSingleton(sp => new RecipeCatalog(sp.GetServices<TaskRegistration>()));
        services.AddSingleton<TrainingRunner>();

        return services;
    }

    /// <summary>
    /// The Quartz scheduler name: every node of a cluster must share it. PostgreSQL: <c>seqserve</c>.
    /// SQLite: one name per database file (stable across restarts, as schedules already stored use it).
    /// </summary>
    private static string SchedulerName(StorageOptions storage, WorkerOptions worker) =>
        worker.SchedulerName ?? (storage.Provider == StorageProvider.Postgres
            ? "seqserve"
            : "seqserve-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(storage.DatabaseFile)))[..12]);
}

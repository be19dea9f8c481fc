using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeqServe.Jobs.Storage.Migrations.Postgres
{
    /// <summary>
    /// Quartz's tables, from the schema script the Quartz assembly ships for Postgres (every statement
    /// creates only what is missing, so a database whose Quartz tables Quartz made itself is unchanged).
    /// </summary>
    public partial class QuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.Statements("postgres"))
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Dropping the scheduler's tables would lose every accepted job: left to an operator on purpose.
        }
    }
}

"""Benchmark: query API, screens, maps, import and memory at demo and national size (DESIGN §8).

`python -m dashboard bench [--sizes demo,national] [--national-db PATH] [--repeat N]`
builds (or reuses) the demo database (one gemeente) and the national one
(scale 342: 342 gemeenten, about 3,400 wijken, 14,700 buurten and 10 million
deelnames), measures, and prints ONE markdown table with a column per size.

What is measured, per size:

- every query-API function: median and max over `--repeat` runs, for one gemeente
  and for the whole country (`gemeente=None`);
- every screen's server-side run in `streamlit.testing.v1.AppTest` for one
  gemeente, cold (`st.cache_data` cleared: new query results; the connection and
  the map shapes, which belong to a database version, are already there) and warm
  (a new session on the same caches), plus the first view after a server start;
  and the screen's time divided by the DuckDB time it spent;
- reading and simplifying the map shapes (once per database version and process);
- every screen's national view ("Heel Nederland", `?gm=NL`, at its default level
  gemeente) the same way, cold and warm, when the database holds several gemeenten;
- the map payload (`len(fig.to_json())`) per screen and level, one gemeente and
  the whole country;
- import throughput of a large deelnames CSV, through the importer (participants new to
  the database, and the same participants again in other bijeenkomsten) and as DuckDB's
  raw load; the file takes every bijeenkomst beyond its aantal_deelnemers on purpose (the
  check's worst case), so the importer's cell also counts the report's warnings;
- the Wijkprofiel exports: one wijk's PDF from the database to the bytes (the first of the
  process, which starts the browser for the charts, and warm), the layout alone, and the zip
  of the PDFs of every wijk of the gemeente;
- the peak memory (VmHWM, the peak RSS) of the app process, after the single-gemeente
  screens and after everything.

Screens run in a fresh subprocess per size, so their memory and cold start are
the app's own.

The modules, one job each:

- `bench`: the entry point (`add_arguments`, `run`, `BenchError`; used by `dashboard.cli`);
- `terms`: the names every module shares (sizes, views, map screens, `BenchError`);
- `measure`: timing, peak memory and the machine description;
- `databases`: building or reusing a database, its size, the default period;
- `queries`: the query-API calls and their timings;
- `imports`: the deelnames CSV, DuckDB's raw load and the importer's runs;
- `exports`: the Wijkprofiel's PDF and the zip of a gemeente;
- `screens`: the screens, map shapes and map payloads, in a fresh app process;
- `formatting`: how a measurement is written in a cell (Dutch numbers);
- `report`: the table's rows and its markdown.
"""

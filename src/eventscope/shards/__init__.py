"""Extraction over sharded inputs, beyond one machine (issue 9): partitions and their merge.

    list_units(paths)                   the input files, in the order `eventscope run` reads them
    run_local(paths, out) / run_ray(...) extract them into Parquet partitions (format)
    merge(parts, store)                 commit partitions in input order, then link

See docs/scale-out.md.
"""

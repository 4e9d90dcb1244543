"""Coding at scale: on a Dask cluster (cluster.py), with results kept as date-partitioned Parquet (parquet.py).

Nothing here is imported by ``import newsevents``; cluster.py needs the optional extra ``[dask]`` and
says so (E007) when it is missing.
"""

"""Arrow query results as pandas DataFrames with the types a researcher expects (issue 9).

  dates       datetime64 (``NaT`` when missing), not columns of ``datetime.date`` objects, so that
              ``.dt``, resampling and plotting work; timestamps likewise
  integers    pandas' nullable integers (``Int64``...), so that a missing GeoNames id or quad class
              leaves the column integer instead of turning it into floats (98182.0)
  text        ``str`` values (``None`` when missing): CAMEO codes keep their leading zero ("042")
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

_NULLABLE_INTEGERS = {
    pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(), pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}


def to_frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(date_as_object=False, types_mapper=_NULLABLE_INTEGERS.get)

"""Maps without a tile server: a vendored Natural Earth outline, place names located with GeoNames data,
and SVG drawn on the server so maps work without JavaScript and in screenshots."""
